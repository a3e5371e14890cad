#!/usr/bin/env python3
"""Trunk post_build hook: hash every inline <script> in the staged index.html
and put the hashes into the Content-Security-Policy, so the page runs without
'unsafe-inline'. The release build has no inline script (its boot script is a
file, scripts/split_wasm.py), so there the placeholder just goes. Fails the
build if the placeholder is missing."""
import base64, hashlib, os, re, sys

staging = os.environ.get("TRUNK_STAGING_DIR") or (sys.argv[1] if len(sys.argv) > 1 else "dist")
path = os.path.join(staging, "index.html")
html = open(path, encoding="utf-8").read()
scripts = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, flags=re.S)
if "CSP_SCRIPT_HASHES" not in html:
    sys.exit("csp_hash: placeholder CSP_SCRIPT_HASHES missing from the CSP")
hashes = " ".join(
    "'sha256-%s'" % base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode()
    for s in scripts
)
open(path, "w", encoding="utf-8").write(html.replace("CSP_SCRIPT_HASHES", hashes))
print("csp_hash: %d inline script(s) hashed" % len(scripts))
