"""The optional compiled part of curator; everything else about the package is in pyproject.toml.

``curator.protect._hmac_native`` hashes pseudonyms through OpenSSL's SHA-256 (libcrypto). It is
optional: without a C compiler, OpenSSL's headers or Python's, the install still succeeds and
curator hashes with its pure Python loop (``curator/protect/_hmac_core.py``), to the same tokens.
``curator.check._tokens_native`` reads pseudonyms' digits into words and numbers them in a hash
table; optional likewise (``curator/check/tokens.py`` does the same in numpy without it).
"""

from setuptools import Extension, setup

setup(ext_modules=[
    Extension("curator.protect._hmac_native", ["curator/protect/_hmac_native.c"], libraries=["crypto"],
              depends=["curator/arrow_offsets.h"], optional=True),
    Extension("curator.check._tokens_native", ["curator/check/_tokens_native.c"],
              depends=["curator/arrow_offsets.h"], optional=True),
])
