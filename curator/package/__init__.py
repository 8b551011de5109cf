"""The submission package: a tar of a signed manifest and age-encrypted members (docs/package-format.md).

``keys`` makes and loads keys in the stock tools' formats, ``build.write_package`` writes a
package, ``verify.verify_package`` checks one without decrypting, ``unpack.open_package`` opens
one on the hub's side.
"""
