from copydesk.cli import app

app()
