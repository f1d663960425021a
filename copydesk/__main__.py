from copydesk.cli import entry

entry()
