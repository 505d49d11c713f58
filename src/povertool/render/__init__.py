"""Report tables, the official workbook, charts and number formatting for people."""
