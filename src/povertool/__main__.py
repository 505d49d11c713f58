"""python -m povertool"""

from .cli.app import main

main()
