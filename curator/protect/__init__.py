"""Protect: pseudonymise under a secret, generalise, measure re-identification risk, reach k.

Modules: ``secret`` (the secret, encrypted at rest), ``pseudonym`` (HMAC-SHA-256 tokens),
``transforms`` (each column's action), ``hierarchy`` (generalisation hierarchies), ``risk``
(k-anonymity figures), ``suppression`` and ``search`` (the least generalisation reaching k).
"""
