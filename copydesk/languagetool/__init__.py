"""A local LanguageTool server for copydesk: install it, run it, check text against it.

- `install`: fetch a pinned LanguageTool with Maven (`install.install`).
- `server`: one background server shared by every copydesk run (`server.ensure_running`).
- `client`: check paragraphs against it, with a disk cache (`client.check_texts`).
- `commands`: the `copydesk languagetool install|start|stop|status` actions.
"""
