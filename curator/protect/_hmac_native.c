/* HMAC-SHA-256 (RFC 2104) of many values packed as Arrow packs strings, through OpenSSL's SHA-256.
 *
 * The optional accelerator of curator/protect/_hmac_core.py (which checks it against RFC 4231 before
 * using it, and falls back to its Python loop when this module is absent). The hash states after
 * key XOR ipad and key XOR opad are computed once; each value then costs copies of those states and
 * the compressions of its own bytes and of the inner digest. SHA-256 itself is OpenSSL's (SHA-NI
 * where the CPU has it); nothing here is a hash of our own.
 *
 * Every buffer may come from a hostile file: each offset is checked (in bounds, monotonic) before the
 * bytes it delimits are read, and a bad one raises ValueError. The loop runs without the GIL so that the
 * other threads of an apply go on meanwhile. Key material is wiped before returning.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* SHA256_Init/Update/Final are deprecated in OpenSSL 3 in favour of EVP, whose context copies
 * allocate: the plain context is a struct copied by value, which a per-value loop needs. */
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/crypto.h>
#include <openssl/sha.h>

#include <stdint.h>
#include <string.h>

#include "../arrow_offsets.h"

#define BLOCK 64
#define DIGEST 32

static int keyed_states(const unsigned char *key, Py_ssize_t key_length, SHA256_CTX *inner, SHA256_CTX *outer)
{
    unsigned char block[BLOCK], pad[BLOCK];
    int ok = 1;
    memset(block, 0, BLOCK);
    if (key_length > BLOCK) {
        ok = SHA256(key, (size_t)key_length, block) != NULL;
    } else if (key_length > 0) {
        memcpy(block, key, (size_t)key_length);
    }
    for (int i = 0; i < BLOCK; i++) pad[i] = block[i] ^ 0x36;
    ok = ok && SHA256_Init(inner) && SHA256_Update(inner, pad, BLOCK);
    for (int i = 0; i < BLOCK; i++) pad[i] = block[i] ^ 0x5c;
    ok = ok && SHA256_Init(outer) && SHA256_Update(outer, pad, BLOCK);
    OPENSSL_cleanse(block, BLOCK);
    OPENSSL_cleanse(pad, BLOCK);
    return ok;
}

static const char HEX_PAIRS[] =
    "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
    "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f"
    "404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f"
    "606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f"
    "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f"
    "a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf"
    "c0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedf"
    "e0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff";

/* Each value's digest at out (32 bytes each, or 64 lowercase hexadecimal digits when hex): 1; 0 if
 * OpenSSL failed; -1 at the first offset that is negative, below the one before or past the data
 * (its index in *bad). Each offset is read once and checked before its bytes are: another thread
 * writing into the offsets meanwhile cannot make this read outside the data. */
static int hash_values(const SHA256_CTX *inner_start, const SHA256_CTX *outer_start, const unsigned char *data,
                       Py_ssize_t data_length, const unsigned char *offsets, Py_ssize_t first, Py_ssize_t count,
                       int width, int hex, unsigned char *out, Py_ssize_t *bad)
{
    SHA256_CTX inner, outer;
    unsigned char inner_digest[DIGEST], digest[DIGEST];
    int status = 1;
    int64_t start = offset_at(offsets, first, width);
    if (start < 0 || start > (int64_t)data_length) {
        *bad = first;
        return -1;
    }
    for (Py_ssize_t i = 0; i < count && status == 1; i++) {
        int64_t end = offset_at(offsets, first + i + 1, width);
        if (end < start || end > (int64_t)data_length) {
            *bad = first + i + 1;
            status = -1;
            break;
        }
        inner = *inner_start;
        outer = *outer_start;
        status = SHA256_Update(&inner, data + start, (size_t)(end - start)) && SHA256_Final(inner_digest, &inner)
                 && SHA256_Update(&outer, inner_digest, DIGEST) && SHA256_Final(hex ? digest : out + i * DIGEST, &outer);
        if (hex) {
            unsigned char *digits = out + i * 2 * DIGEST;
            for (int b = 0; b < DIGEST; b++) memcpy(digits + 2 * b, HEX_PAIRS + 2 * digest[b], 2);
        }
        start = end;
    }
    OPENSSL_cleanse(&inner, sizeof inner);
    OPENSSL_cleanse(&outer, sizeof outer);
    OPENSSL_cleanse(inner_digest, DIGEST);
    return status;
}

PyDoc_STRVAR(digests_doc,
"digests(key, data, offsets, offset_width, first=0, count=-1, hex=False, out=None) -> bytes | None\n\n"
"The 32-byte HMAC-SHA-256 of values first .. first + count - 1, concatenated (with hex, 64\n"
"lowercase hexadecimal digits each); written at the start of the writable buffer out if given\n"
"(then None is returned), so that threads can fill parts of one buffer. Value i is\n"
"data[offsets[i]:offsets[i + 1]], offsets being int32 (offset_width 4) or int64 (8) in native\n"
"byte order, as Arrow packs strings. count -1: up to the last offset. Any object with the buffer\n"
"protocol will do; data may be None when no value has a byte. ValueError if the offsets are\n"
"out of bounds or decreasing.");

static PyObject *digests(PyObject *module, PyObject *args, PyObject *kwargs)
{
    static char *keywords[] = {"key", "data", "offsets", "offset_width", "first", "count", "hex", "out", NULL};
    Py_buffer key = {0}, data = {0}, offsets = {0}, target = {0};
    PyObject *data_object, *out_object = Py_None, *result = NULL;
    int width;
    Py_ssize_t first = 0, count = -1;
    int hex = 0;
    (void)module;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "y*Oy*i|nnpO:digests", keywords, &key, &data_object, &offsets,
                                     &width, &first, &count, &hex, &out_object)) {
        return NULL;
    }
    if (data_object != Py_None && PyObject_GetBuffer(data_object, &data, PyBUF_SIMPLE) < 0) {
        goto done;
    }
    if (width != 4 && width != 8) {
        PyErr_Format(PyExc_ValueError, "offset_width must be 4 or 8, not %d", width);
        goto done;
    }
    Py_ssize_t slots = offsets.len / width; /* offsets available */
    if (first < 0 || first >= slots) {
        PyErr_Format(PyExc_ValueError, "first offset %zd is outside the %zd offsets given", first, slots);
        goto done;
    }
    if (count == -1) {
        count = slots - 1 - first;
    }
    if (count < 0 || count > slots - 1 - first || count > PY_SSIZE_T_MAX / (2 * DIGEST)) {
        PyErr_Format(PyExc_ValueError, "%zd values from offset %zd need more than the %zd offsets given", count,
                     first, slots);
        goto done;
    }
    Py_ssize_t size = count * (hex ? 2 * DIGEST : DIGEST);
    unsigned char *out;
    if (out_object == Py_None) {
        result = PyBytes_FromStringAndSize(NULL, size);
        if (result == NULL) {
            goto done;
        }
        out = (unsigned char *)PyBytes_AS_STRING(result);
    } else {
        if (PyObject_GetBuffer(out_object, &target, PyBUF_WRITABLE) < 0) {
            goto done;
        }
        if (target.len < size) {
            PyErr_Format(PyExc_ValueError, "out holds %zd bytes, not the %zd of %zd digests", target.len, size, count);
            goto done;
        }
        result = Py_NewRef(Py_None);
        out = target.buf;
    }
    SHA256_CTX inner, outer;
    Py_ssize_t bad = -1;
    int status;
    Py_BEGIN_ALLOW_THREADS
    status = keyed_states(key.buf, key.len, &inner, &outer);
    if (status) {
        status = hash_values(&inner, &outer, data.buf, data.len, offsets.buf, first, count, width, hex, out, &bad);
    }
    OPENSSL_cleanse(&inner, sizeof inner);
    OPENSSL_cleanse(&outer, sizeof outer);
    Py_END_ALLOW_THREADS
    if (status == -1) {
        Py_CLEAR(result);
        raise_bad_offset(offsets.buf, bad, width, data.len);
    } else if (status == 0) {
        Py_CLEAR(result);
        PyErr_SetString(PyExc_RuntimeError, "OpenSSL's SHA-256 failed");
    }
done:
    PyBuffer_Release(&key);
    PyBuffer_Release(&offsets);
    if (data.obj != NULL) {
        PyBuffer_Release(&data);
    }
    if (target.obj != NULL) {
        PyBuffer_Release(&target);
    }
    return result;
}

static PyMethodDef methods[] = {
    {"digests", (PyCFunction)(void (*)(void))digests, METH_VARARGS | METH_KEYWORDS, digests_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_hmac_native", "HMAC-SHA-256 of packed values through OpenSSL (see _hmac_core).", -1,
    methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__hmac_native(void)
{
    return PyModule_Create(&module);
}
