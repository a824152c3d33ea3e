"""The CSP meta: only the trusted inline scripts are allowed, whatever the page contains."""

from __future__ import annotations

import base64
import hashlib

from vademecum.site.csp import add_csp, inline_scripts

THEME = "<script>__md_scope=1</script>"
PAGE = (
    '<html><head><meta charset="utf-8"><script>__md_scope=1</script>'
    '<script src="x.js"></script><script id="c" type="application/json">{"a": 1}</script>'
    "</head><body><h1>RUPN<script>alert(1)</script></h1></body></html>"
)


def sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def script_src(html: str) -> str:
    policy = html.split('content="', 1)[1].split('"', 1)[0]
    return policy.split("script-src", 1)[1].split(";", 1)[0]


def test_executable_inline_scripts_of_a_trusted_fragment():
    assert inline_scripts(PAGE) == ["__md_scope=1", "alert(1)"]


def test_policy_is_the_first_element_of_head():
    html = add_csp(PAGE, inline_scripts(THEME))
    assert html.startswith('<html><head><meta http-equiv="Content-Security-Policy" content="')
    policy = html.split('content="', 1)[1].split('"', 1)[0]
    assert "default-src 'self'" in policy and "object-src 'none'" in policy
    assert "unsafe-inline" not in script_src(html)


def test_only_trusted_scripts_are_hashed_never_the_page_s_own():
    html = add_csp(PAGE, inline_scripts(THEME))
    assert script_src(html).split() == ["'self'", sha("__md_scope=1")]
    assert sha("alert(1)") not in html


def test_nothing_trusted_means_no_inline_script_at_all():
    assert script_src(add_csp(PAGE, [])).split() == ["'self'"]
