"""The optional X.509 signature: a detached CMS SignedData over manifest.json, from a PKCS#12 file.

French health organisations hold their certificates as PKCS#12 files; the hub checks this
signature with ``openssl cms -verify``. Signing uses cryptography's PKCS7SignatureBuilder (RSA or
EC keys). cryptography has no CMS verification, so :func:`verify_detached` reads the few DER
structures it needs itself and checks the signature with cryptography's primitives.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.serialization import pkcs7, pkcs12

from curator.errors import InputError, Location


@dataclass
class CmsSigner:
    certificate: x509.Certificate
    key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey

    @classmethod
    def from_pkcs12(cls, path: Path, password: str | None) -> CmsSigner:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(f"cannot read the certificate file ({exc.strerror})", Location(file=path)) from exc
        try:
            key, certificate, _ = pkcs12.load_key_and_certificates(
                data, password.encode("utf-8") if password is not None else None)
        except ValueError as exc:
            raise InputError("cannot open the PKCS#12 file: wrong password, or not a PKCS#12 file",
                             Location(file=path),
                             hint="Give the .p12/.pfx file holding your certificate and its key, and its "
                                  "password.") from exc
        if certificate is None or key is None:
            raise InputError("the PKCS#12 file does not hold both a certificate and its private key",
                             Location(file=path))
        if not isinstance(key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey):
            raise InputError("the certificate's key is neither RSA nor EC; CMS signatures need one of those",
                             Location(file=path))
        return cls(certificate, key)

    @property
    def certificate_sha256(self) -> str:
        return hashlib.sha256(self.certificate.public_bytes(serialization.Encoding.DER)).hexdigest()

    @property
    def subject(self) -> str:
        return self.certificate.subject.rfc4514_string()

    def sign_detached(self, content: bytes) -> bytes:
        return (pkcs7.PKCS7SignatureBuilder()
                .set_data(content)
                .add_signer(self.certificate, self.key, hashes.SHA256())
                .sign(serialization.Encoding.DER,
                      [pkcs7.PKCS7Options.DetachedSignature, pkcs7.PKCS7Options.Binary]))


# --- verification: a minimal DER reader for the SignedData fields we need ------------------------

class CmsError(Exception):
    pass


def _tlv(data: bytes, offset: int) -> tuple[int, int, int, int]:
    """(tag, start of value, end of value, end of the whole element) of the DER element at ``offset``."""
    if offset + 2 > len(data):
        raise CmsError("the structure is cut short")
    tag = data[offset]
    if tag & 0x1F == 0x1F:
        raise CmsError("unexpected multi-byte tag")
    length = data[offset + 1]
    start = offset + 2
    if length & 0x80:
        count = length & 0x7F
        if count == 0 or count > 4 or start + count > len(data):
            raise CmsError("bad length")
        length = int.from_bytes(data[start:start + count], "big")
        start += count
    end = start + length
    if end > len(data):
        raise CmsError("an element runs past the end")
    return tag, start, end, end


def _children(data: bytes, start: int, end: int) -> list[tuple[int, int, int, int]]:
    """(tag, header start, value start, value end) of each element between ``start`` and ``end``."""
    items = []
    offset = start
    while offset < end:
        tag, value_start, value_end, after = _tlv(data, offset)
        items.append((tag, offset, value_start, value_end))
        offset = after
    if offset != end:
        raise CmsError("elements overrun their container")
    return items


def _der(tag: int, value: bytes) -> bytes:
    length = len(value)
    if length < 0x80:
        return bytes([tag, length]) + value
    encoded = length.to_bytes((length.bit_length() + 7) // 8, "big")
    return bytes([tag, 0x80 | len(encoded)]) + encoded + value


def _der_integer(value: int) -> bytes:
    return _der(0x02, value.to_bytes(value.bit_length() // 8 + 1, "big", signed=True))


_OID_MESSAGE_DIGEST = bytes.fromhex("06092a864886f70d010904")      # 1.2.840.113549.1.9.4
_CONTENT_TYPE_SIGNED_DATA = bytes.fromhex("06092a864886f70d010702")  # 1.2.840.113549.1.7.2
_CONTENT_TYPE_DATA = bytes.fromhex("300b06092a864886f70d010701")     # SEQUENCE { 1.2.840.113549.1.7.1 }
_SHA256 = bytes.fromhex("300d06096086480165030402010500")            # AlgorithmIdentifier sha256, NULL
_SIGNATURE_ALGORITHMS = {
    bytes.fromhex("300d06092a864886f70d0101010500"): "rsa",          # rsaEncryption, NULL
    bytes.fromhex("300d06092a864886f70d01010b0500"): "rsa",          # sha256WithRSAEncryption, NULL
    bytes.fromhex("300a06082a8648ce3d040302"): "ec",                 # ecdsa-with-SHA256
}


def verify_detached(signature: bytes, content: bytes, expected_certificate_sha256: str) -> list[str]:
    """Problems with a detached CMS signature over ``content`` (empty when it is good).

    Checks that the signing certificate is the one the signed manifest names, that the signed
    message digest is the content's, and the signature over the signed attributes with the
    certificate's public key; then rebuilds the whole structure from those checked parts and
    demands the very same bytes, so nothing unchecked can hide in it. Trust in the certificate
    itself (its chain) is the hub's business: ``openssl cms -verify -CAfile ...``.
    """
    try:
        return _verify(signature, content, expected_certificate_sha256)
    except (CmsError, ValueError, IndexError) as exc:
        return [f"manifest.json.p7s is not a CMS signature in the form curator writes ({exc}): it was altered"]


def _element(data: bytes, item: tuple[int, int, int, int]) -> bytes:
    return data[item[1]:item[3]]


def _verify(signature: bytes, content: bytes, expected_certificate_sha256: str) -> list[str]:
    tag, start, end, after = _tlv(signature, 0)
    if tag != 0x30:
        raise CmsError("not a DER SEQUENCE")
    content_info = _children(signature, start, end)
    if len(content_info) != 2 or content_info[1][0] != 0xA0:
        raise CmsError("not a CMS ContentInfo")
    inner = _children(signature, content_info[1][2], content_info[1][3])
    if len(inner) != 1 or inner[0][0] != 0x30:
        raise CmsError("SignedData missing")
    fields = _children(signature, inner[0][2], inner[0][3])
    if len(fields) != 5 or fields[3][0] != 0xA0 or fields[4][0] != 0x31:
        raise CmsError("SignedData has other parts than one certificate and one signer")
    certificates = _children(signature, fields[3][2], fields[3][3])
    if len(certificates) != 1:
        raise CmsError(f"{len(certificates)} certificates where curator writes one")
    certificate_der = _element(signature, certificates[0])
    if hashlib.sha256(certificate_der).hexdigest() != expected_certificate_sha256:
        return ["manifest.json.p7s does not carry the certificate the signed manifest names: it was replaced "
                "or altered"]
    certificate = x509.load_der_x509_certificate(certificate_der)
    signers = _children(signature, fields[4][2], fields[4][3])
    if len(signers) != 1:
        raise CmsError(f"{len(signers)} signers where curator writes one")
    info = _children(signature, signers[0][2], signers[0][3])
    # SignerInfo: version, sid, digestAlgorithm, [0] signedAttrs, signatureAlgorithm, signature
    if len(info) != 6 or info[3][0] != 0xA0 or info[5][0] != 0x04:
        raise CmsError("the signer information is not in the expected form")
    attributes_der = _element(signature, info[3])
    algorithm = _SIGNATURE_ALGORITHMS.get(_element(signature, info[4]))
    if algorithm is None:
        raise CmsError("unsupported signature algorithm")
    value = signature[info[5][2]:info[5][3]]

    # Rebuild from the checked parts; any other byte differing means the file was altered.
    issuer_and_serial = _der(0x30, certificate.issuer.public_bytes() + _der_integer(certificate.serial_number))
    signer_info = _der(0x30, _der_integer(1) + issuer_and_serial + _SHA256 + attributes_der
                       + _element(signature, info[4]) + _der(0x04, value))
    signed_data = _der(0x30, _der_integer(1) + _der(0x31, _SHA256) + _CONTENT_TYPE_DATA
                       + _der(0xA0, certificate_der) + _der(0x31, signer_info))
    if _der(0x30, _CONTENT_TYPE_SIGNED_DATA + _der(0xA0, signed_data)) != signature:
        raise CmsError("its structure differs from what curator writes")

    problems: list[str] = []
    message_digest = None
    for _, _, attr_start, attr_end in _children(signature, info[3][2], info[3][3]):
        attr = _children(signature, attr_start, attr_end)
        if _element(signature, attr[0]) == _OID_MESSAGE_DIGEST:
            values = _children(signature, attr[1][2], attr[1][3])
            message_digest = signature[values[0][2]:values[0][3]]
    if message_digest != hashlib.sha256(content).digest():
        problems.append("manifest.json.p7s signs another manifest.json (its message digest differs)")
    signed = b"\x31" + attributes_der[1:]  # signed attributes are signed as a SET OF, not as [0]
    public_key = certificate.public_key()
    try:
        if algorithm == "rsa" and isinstance(public_key, rsa.RSAPublicKey):
            public_key.verify(value, signed, padding.PKCS1v15(), hashes.SHA256())
        elif algorithm == "ec" and isinstance(public_key, ec.EllipticCurvePublicKey):
            public_key.verify(value, signed, ec.ECDSA(hashes.SHA256()))
        else:
            raise CmsError("the signature algorithm does not fit the certificate's key")
    except InvalidSignature:
        problems.append("manifest.json.p7s: the CMS signature does not verify with the certificate it carries")
    return problems
