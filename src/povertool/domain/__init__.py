"""Pure domain logic: standards, classification, measures, flows, targets.

Nothing here touches paths, spreadsheets, the terminal or the command line.
"""
