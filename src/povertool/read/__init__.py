"""The border: reading spreadsheets into clean frames, and writing results. All mess stops here."""
