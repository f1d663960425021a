"""The robustness tests of issue #11: hostile files, faults, kills, security, properties.

Their LanguageTool fixtures (`lt_install`, `private_home`) are in tests/conftest.py.

Also covered elsewhere, and not repeated here:
- the HTML report escapes all copy: tests/report_html/test_html_render.py
  (test_every_piece_of_text_is_escaped and the property tests after it);
- the LanguageTool server copydesk starts listens on 127.0.0.1 only:
  tests/languagetool/test_lt_server.py::test_server_listens_on_loopback_only.

The long soak is `python benchmarks/soak.py` (see its docstring).
"""
