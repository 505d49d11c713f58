"""python -m povertool"""

from .cli import main

main()
