"""Writers: rows built once from records, then the workbook, CSV files, JSON Lines and terminal reports."""
