"""The CSP meta: inline scripts allowed by hash only, inserted before any script."""

from __future__ import annotations

import base64
import hashlib

from vademecum.csp import add_csp, inline_script_hashes

PAGE = (
    '<html><head><meta charset="utf-8"><script>var a = 1;</script>'
    '<script src="x.js"></script><script id="c" type="application/json">{"a": 1}</script>'
    "</head><body><script>var a = 1;</script><script>go()</script></body></html>"
)


def sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_hashes_of_executable_inline_scripts_only():
    assert inline_script_hashes(PAGE) == [sha("var a = 1;"), sha("go()")]


def test_policy_is_the_first_element_of_head():
    html = add_csp(PAGE)
    assert html.startswith('<html><head><meta http-equiv="Content-Security-Policy" content="')
    policy = html.split('content="', 1)[1].split('"', 1)[0]
    assert f"script-src 'self' {sha('var a = 1;')} {sha('go()')};" in policy
    assert "default-src 'self'" in policy and "object-src 'none'" in policy
    assert "unsafe-inline" not in policy.split("script-src", 1)[1].split(";", 1)[0]


def test_a_changed_script_no_longer_matches():
    html = add_csp(PAGE).replace("go()", "evil()")
    assert sha("evil()") not in html
