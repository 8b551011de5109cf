/* Pseudonyms (64 lower-case hexadecimal digits) as four 64-bit words, and a hash table numbering them.
 *
 * The optional accelerator of curator/check/tokens.py, which checks it against its numpy code at import
 * and falls back to that code when this module is absent or wrong; both give the same words and codes.
 *
 * hex_words reads the digits straight from a string array's buffers; Codes maps each 32-byte value to
 * its code (0, 1, ... in order of first appearance, or the row of a set given at once). Every buffer
 * may come from a hostile file: each offset is read once and checked (in bounds, monotonic) before the
 * bytes it delimits are read, and every size is checked for overflow. The values hashed may be crafted
 * too, so each table mixes all four words with a random seed of its own: without that seed nobody can
 * pick values that share a slot. The loops run without the GIL; a lock per table keeps one thread's
 * additions from meeting another's lookups.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <pythread.h>

#include <stdint.h>
#include <string.h>

#include "../arrow_offsets.h"

#define DIGITS 64
#define WORDS 4
#define VALUE_BYTES 32 /* WORDS * sizeof(uint64_t) */
#define NOT_HEX 0x10
/* A lookup costs two cache misses (its slot, then the value held there): the slot of value i + AHEAD
 * is fetched, and the value in the slot of i + HALF, while value i is compared. */
#define AHEAD 16
#define HALF 8
#if defined(__GNUC__) || defined(__clang__)
#define PREFETCH(address) __builtin_prefetch(address)
#else
#define PREFETCH(address) ((void)(address))
#endif

/* ------------------------------------------------------------------ parsing */

static uint8_t HEX_VALUE[256];

static void init_hex_values(void)
{
    memset(HEX_VALUE, NOT_HEX, sizeof HEX_VALUE);
    for (int c = '0'; c <= '9'; c++) HEX_VALUE[c] = (uint8_t)(c - '0');
    for (int c = 'a'; c <= 'f'; c++) HEX_VALUE[c] = (uint8_t)(c - 'a' + 10);
}

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ || defined(_M_X64) || defined(_M_ARM64)
/* Eight digits read as one little-endian word give four bytes at once; 0 if one of them is not a
 * lower-case hexadecimal digit (each byte compared to the ranges 0x30-0x39 and 0x61-0x66 in its own
 * 7 bits, which no sum below carries out of). */
static inline int hex_eight(const unsigned char *digits, unsigned char *out)
{
    const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
    uint64_t x;
    memcpy(&x, digits, 8);
    uint64_t seven = x & ~high;
    uint64_t digit = (seven + ones * (0x80 - '0')) & ~(seven + ones * (0x7f - '9'));
    uint64_t letter = (seven + ones * (0x80 - 'a')) & ~(seven + ones * (0x7f - 'f'));
    uint64_t nibbles = (x & ones * 0x0f) + ((x >> 6) & ones) * 9; /* bit 6: a letter, 9 past its low nibble */
    uint64_t pairs = ((nibbles & 0x00ff00ff00ff00ffu) << 4) | ((nibbles >> 8) & 0x00ff00ff00ff00ffu);
    pairs = (pairs | (pairs >> 8)) & 0x0000ffff0000ffffu;
    pairs = (pairs | (pairs >> 16)) & 0xffffffffu;
    uint32_t bytes = (uint32_t)pairs;
    memcpy(out, &bytes, 4);
    return ((digit | letter) & ~x & high) == high;
}

static inline int hex_value(const unsigned char *digits, unsigned char *value)
{
    int ok = 1;
    for (int b = 0; b < VALUE_BYTES; b += 4) ok &= hex_eight(digits + 2 * b, value + b);
    return ok;
}
#else
static inline int hex_value(const unsigned char *digits, unsigned char *value)
{
    uint8_t flags = 0;
    for (int b = 0; b < VALUE_BYTES; b++) {
        uint8_t high = HEX_VALUE[digits[2 * b]], low = HEX_VALUE[digits[2 * b + 1]];
        flags |= high | low;
        value[b] = (uint8_t)((high << 4) | (low & 0x0f));
    }
    return !(flags & NOT_HEX);
}
#endif

/* The words of the valid values first .. first + count - 1, one after the other at out: their count;
 * -1 when a valid value is not 64 lower-case hexadecimal digits or a null one holds bytes (what the
 * numpy code refuses); -2 at the first offset that is negative, below the one before or past the
 * data (its index in *bad). */
static Py_ssize_t parse(const unsigned char *data, Py_ssize_t data_length, const unsigned char *offsets, int width,
                        const unsigned char *validity, Py_ssize_t first, Py_ssize_t count, unsigned char *out,
                        Py_ssize_t *bad)
{
    Py_ssize_t written = 0;
    int64_t start = offset_at(offsets, first, width);
    if (start < 0 || start > (int64_t)data_length) {
        *bad = first;
        return -2;
    }
    for (Py_ssize_t i = 0; i < count; i++) {
        Py_ssize_t row = first + i;
        int64_t end = offset_at(offsets, row + 1, width);
        if (end < start || end > (int64_t)data_length) {
            *bad = row + 1;
            return -2;
        }
        if (validity != NULL && !((validity[row >> 3] >> (row & 7)) & 1)) {
            if (end != start) {
                return -1;
            }
            continue;
        }
        if (end - start != DIGITS) {
            return -1;
        }
        if (!hex_value(data + start, out + written * VALUE_BYTES)) {
            return -1;
        }
        written++;
        start = end;
    }
    return written;
}

PyDoc_STRVAR(hex_words_doc,
"hex_words(data, offsets, offset_width, first, count, validity, out) -> int\n\n"
"The valid values first .. first + count - 1 of a string array, each 64 lower-case hexadecimal\n"
"digits, written at out as their 32 bytes one after the other (out holds at least 32 * count bytes):\n"
"the number of values written, or -1 when a valid value is anything else or a null one holds bytes.\n"
"Value i is data[offsets[i]:offsets[i + 1]], offsets being int32 (offset_width 4) or int64 (8) in\n"
"native byte order; validity is Arrow's bitmap (bit i for value i) or None (every value valid); data\n"
"may be None when no value has a byte. ValueError if the offsets are out of bounds or decreasing.");

static PyObject *hex_words(PyObject *module, PyObject *args)
{
    Py_buffer data = {0}, offsets = {0}, validity = {0}, out = {0};
    PyObject *data_object, *validity_object, *result = NULL;
    int width;
    Py_ssize_t first, count;
    (void)module;
    if (!PyArg_ParseTuple(args, "Oy*innOw*:hex_words", &data_object, &offsets, &width, &first, &count,
                          &validity_object, &out)) {
        return NULL;
    }
    if (data_object != Py_None && PyObject_GetBuffer(data_object, &data, PyBUF_SIMPLE) < 0) {
        goto done;
    }
    if (validity_object != Py_None && PyObject_GetBuffer(validity_object, &validity, PyBUF_SIMPLE) < 0) {
        goto done;
    }
    if (width != 4 && width != 8) {
        PyErr_Format(PyExc_ValueError, "offset_width must be 4 or 8, not %d", width);
        goto done;
    }
    Py_ssize_t slots = offsets.len / width;
    if (first < 0 || first >= slots || count < 0 || count > slots - 1 - first) {
        PyErr_Format(PyExc_ValueError, "%zd values from offset %zd need more than the %zd offsets given", count, first,
                     slots);
        goto done;
    }
    /* first + count < slots <= PY_SSIZE_T_MAX / 4: the bit index and its byte cannot overflow. */
    if (validity.obj != NULL && (first + count + 7) / 8 > validity.len) {
        PyErr_Format(PyExc_ValueError, "the validity bitmap holds %zd bytes, fewer than %zd values need", validity.len,
                     first + count);
        goto done;
    }
    if (count > PY_SSIZE_T_MAX / VALUE_BYTES || out.len < count * VALUE_BYTES) {
        PyErr_Format(PyExc_ValueError, "out holds %zd bytes, not the 32 of each of %zd values", out.len, count);
        goto done;
    }
    Py_ssize_t written, bad = -1;
    Py_BEGIN_ALLOW_THREADS
    written = count ? parse(data.buf, data.len, offsets.buf, width, validity.obj != NULL ? validity.buf : NULL, first,
                            count, out.buf, &bad)
                    : 0;
    Py_END_ALLOW_THREADS
    if (written == -2) {
        raise_bad_offset(offsets.buf, bad, width, data.len);
        goto done;
    }
    result = PyLong_FromSsize_t(written);
done:
    PyBuffer_Release(&offsets);
    PyBuffer_Release(&out);
    if (data.obj != NULL) {
        PyBuffer_Release(&data);
    }
    if (validity.obj != NULL) {
        PyBuffer_Release(&validity);
    }
    return result;
}

/* ------------------------------------------------------------------ the table */

/* The high and low halves of a 64 x 64-bit product folded together (as wyhash mixes). */
static inline uint64_t folded_product(uint64_t a, uint64_t b)
{
#ifdef __SIZEOF_INT128__
    __uint128_t product = (__uint128_t)a * b;
    return (uint64_t)product ^ (uint64_t)(product >> 64);
#else
    uint64_t a_low = a & 0xffffffffu, a_high = a >> 32, b_low = b & 0xffffffffu, b_high = b >> 32;
    uint64_t low_low = a_low * b_low, low_high = a_low * b_high, high_low = a_high * b_low, high_high = a_high * b_high;
    uint64_t middle = (low_low >> 32) + (low_high & 0xffffffffu) + (high_low & 0xffffffffu);
    uint64_t low = (middle << 32) | (low_low & 0xffffffffu);
    uint64_t high = high_high + (low_high >> 32) + (high_low >> 32) + (middle >> 32);
    return low ^ high;
#endif
}

typedef struct {
    PyObject_HEAD
    uint64_t seed[5];
    uint64_t *words;      /* the value of each code, WORDS words each: owned, or a given set's buffer */
    Py_buffer given;      /* the set given at once, held until released with the GIL */
    int borrowed;         /* whether words points into given */
    Py_ssize_t count;     /* codes */
    Py_ssize_t rows;      /* values words has room for (owned) */
    Py_ssize_t repeats;   /* values of the given set equal to one before them */
    uint32_t *slots;      /* code + 1 of the value hashed there, 0 for none */
    size_t mask;          /* slots - 1, slots being a power of two */
    PyThread_type_lock lock;
} Codes;

static inline uint64_t hash_of(const Codes *self, const uint64_t *value)
{
    uint64_t mixed = folded_product(value[0] ^ self->seed[0], value[1] ^ self->seed[1])
                     ^ folded_product(value[2] ^ self->seed[2], value[3] ^ self->seed[3]);
    return folded_product(mixed, self->seed[4]);
}

static inline int same_value(const uint64_t *a, const uint64_t *b)
{
    return a[0] == b[0] && a[1] == b[1] && a[2] == b[2] && a[3] == b[3];
}

/* The slot holding value (code + 1 there), or the empty slot where it would go (0 there). */
static inline size_t slot_of(const Codes *self, const uint64_t *value, uint64_t hash)
{
    size_t at = (size_t)hash & self->mask;
    for (;;) {
        uint32_t held = self->slots[at];
        if (held == 0 || same_value(self->words + (size_t)(held - 1) * WORDS, value)) {
            return at;
        }
        at = (at + 1) & self->mask;
    }
}

/* Slots for more codes in all, at most half of them taken (a probe then steps once or twice): 0, or -1
 * if that many cannot be numbered or allocated. Without the GIL. */
static int reserve_slots(Codes *self, Py_ssize_t more)
{
    if (more > (Py_ssize_t)UINT32_MAX - 1 - self->count) {
        return -1; /* a slot holds code + 1 in 32 bits */
    }
    size_t wanted = (size_t)(self->count + more) * 2, size = self->mask + 1;
    if (self->slots != NULL && wanted <= size) {
        return 0;
    }
    if (self->slots == NULL) {
        size = 1024;
    }
    while (size < wanted) {
        if (size > SIZE_MAX / 2 / sizeof(uint32_t)) {
            return -1;
        }
        size *= 2;
    }
    uint32_t *slots = calloc(size, sizeof(uint32_t));
    if (slots == NULL) {
        return -1;
    }
    uint32_t *old = self->slots;
    self->slots = slots;
    self->mask = size - 1;
    for (Py_ssize_t code = 0; code < self->count; code++) {
        const uint64_t *value = self->words + (size_t)code * WORDS;
        size_t at = (size_t)hash_of(self, value) & self->mask;
        while (slots[at] != 0) {
            at = (at + 1) & self->mask;
        }
        slots[at] = (uint32_t)(code + 1);
    }
    free(old);
    return 0;
}

/* Room in owned storage for more values (a given set's copied there first): 0, or -1. Without the GIL. */
static int reserve_rows(Codes *self, Py_ssize_t more)
{
    Py_ssize_t needed = self->count + more; /* reserve_slots bounded it below UINT32_MAX */
    if (!self->borrowed && needed <= self->rows) {
        return 0;
    }
    Py_ssize_t rows = self->rows > 512 ? self->rows : 512;
    while (rows < needed) {
        rows = rows > PY_SSIZE_T_MAX / 2 ? needed : rows * 2;
    }
    if ((size_t)rows > SIZE_MAX / VALUE_BYTES) {
        return -1;
    }
    uint64_t *words;
    if (self->borrowed) {
        words = malloc((size_t)rows * VALUE_BYTES);
        if (words != NULL) {
            memcpy(words, self->words, (size_t)self->count * VALUE_BYTES);
        }
    } else {
        words = realloc(self->words, (size_t)rows * VALUE_BYTES);
    }
    if (words == NULL) {
        return -1;
    }
    self->words = words;
    self->rows = rows;
    self->borrowed = 0;
    return 0;
}

/* The count of values in a buffer of them (32 bytes each, 64-bit aligned), or -1 with an exception set. */
static Py_ssize_t values_in(const Py_buffer *view)
{
    if ((uintptr_t)view->buf % sizeof(uint64_t) != 0) {
        PyErr_SetString(PyExc_ValueError, "the values are not aligned on 8 bytes");
        return -1;
    }
    if (view->len % VALUE_BYTES != 0) {
        PyErr_Format(PyExc_ValueError, "%zd bytes are not a whole number of 32-byte values", view->len);
        return -1;
    }
    return view->len / VALUE_BYTES;
}

static void lock_without_gil(Codes *self)
{
    if (!PyThread_acquire_lock(self->lock, NOWAIT_LOCK)) {
        Py_BEGIN_ALLOW_THREADS
        PyThread_acquire_lock(self->lock, WAIT_LOCK);
        Py_END_ALLOW_THREADS
    }
}

/* The hashes of the first AHEAD values, into the ring that next_hash turns. */
static void first_hashes(const Codes *self, const uint64_t *values, Py_ssize_t n, uint64_t *hashes)
{
    for (Py_ssize_t i = 0; i < n && i < AHEAD; i++) {
        hashes[i] = hash_of(self, values + (size_t)i * WORDS);
        PREFETCH(self->slots + ((size_t)hashes[i] & self->mask));
    }
}

/* Value i's hash, the memory of the values after it fetched meanwhile (a hint only: the table may
 * change before they are looked up, which looks them up afresh). */
static inline uint64_t next_hash(const Codes *self, const uint64_t *values, Py_ssize_t n, Py_ssize_t i,
                                 uint64_t *hashes)
{
    uint64_t hash = hashes[i % AHEAD];
    if (i + AHEAD < n) {
        uint64_t later = hash_of(self, values + (size_t)(i + AHEAD) * WORDS);
        hashes[i % AHEAD] = later;
        PREFETCH(self->slots + ((size_t)later & self->mask));
    }
    if (i + HALF < n) {
        uint32_t held = self->slots[(size_t)hashes[(i + HALF) % AHEAD] & self->mask];
        if (held != 0) {
            PREFETCH(self->words + (size_t)(held - 1) * WORDS);
        }
    }
    return hash;
}

/* Each value's code at out, numbering the new ones from count; returns 0, or -1 when out of memory or of
 * codes. Without the GIL. */
static int add_values(Codes *self, const uint64_t *values, Py_ssize_t n, int64_t *out)
{
    uint64_t hashes[AHEAD];
    first_hashes(self, values, n, hashes);
    for (Py_ssize_t i = 0; i < n; i++) {
        const uint64_t *value = values + (size_t)i * WORDS;
        uint64_t hash = next_hash(self, values, n, i, hashes);
        size_t at = slot_of(self, value, hash);
        if (self->slots[at] != 0) {
            out[i] = (int64_t)self->slots[at] - 1;
            continue;
        }
        if ((size_t)(self->count + 1) * 2 > self->mask + 1) {
            uint32_t *before = self->slots;
            if (reserve_slots(self, 1) < 0) {
                return -1;
            }
            if (self->slots != before) { /* rehashed: the hashes ahead stand, their slots are elsewhere */
                at = slot_of(self, value, hash);
            }
        }
        if (reserve_rows(self, 1) < 0) {
            return -1;
        }
        memcpy(self->words + (size_t)self->count * WORDS, value, VALUE_BYTES);
        self->slots[at] = (uint32_t)(self->count + 1);
        out[i] = self->count++;
    }
    return 0;
}

static void find_values(const Codes *self, const uint64_t *values, Py_ssize_t n, int64_t *out)
{
    uint64_t hashes[AHEAD];
    first_hashes(self, values, n, hashes);
    for (Py_ssize_t i = 0; i < n; i++) {
        uint64_t hash = next_hash(self, values, n, i, hashes);
        out[i] = (int64_t)self->slots[slot_of(self, values + (size_t)i * WORDS, hash)] - 1;
    }
}

static int Codes_init(Codes *self, PyObject *args, PyObject *kwargs)
{
    static char *keywords[] = {"seed", "words", NULL};
    Py_buffer seed = {0};
    PyObject *words = Py_None;
    if (self->lock != NULL || self->slots != NULL) {
        PyErr_SetString(PyExc_RuntimeError, "Codes is initialised once");
        return -1;
    }
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "y*|O:Codes", keywords, &seed, &words)) {
        return -1;
    }
    if (seed.len != (Py_ssize_t)sizeof self->seed) {
        PyErr_Format(PyExc_ValueError, "the seed is %zd bytes, not %zu", seed.len, sizeof self->seed);
        PyBuffer_Release(&seed);
        return -1;
    }
    memcpy(self->seed, seed.buf, sizeof self->seed);
    self->seed[4] |= 1; /* an odd multiplier in the last mix */
    PyBuffer_Release(&seed);
    self->lock = PyThread_allocate_lock();
    if (self->lock == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    if (words == Py_None) {
        return reserve_slots(self, 0) < 0 ? (PyErr_NoMemory(), -1) : 0;
    }
    /* A set given at once: each value's code is its row, a repeated one keeps its first row's. Its
     * buffer is held, not copied, until a value is added. */
    if (PyObject_GetBuffer(words, &self->given, PyBUF_C_CONTIGUOUS) < 0) {
        return -1;
    }
    Py_ssize_t n = values_in(&self->given);
    if (n < 0) {
        return -1;
    }
    if (n > (Py_ssize_t)UINT32_MAX - 1) {
        PyErr_Format(PyExc_OverflowError, "%zd values are more than a table numbers", n);
        return -1;
    }
    self->words = self->given.buf;
    self->borrowed = 1;
    int status;
    Py_BEGIN_ALLOW_THREADS
    status = reserve_slots(self, n);
    uint64_t hashes[AHEAD];
    if (status == 0) {
        first_hashes(self, self->words, n, hashes);
    }
    for (Py_ssize_t row = 0; status == 0 && row < n; row++) {
        const uint64_t *value = self->words + (size_t)row * WORDS;
        size_t at = slot_of(self, value, next_hash(self, self->words, n, row, hashes));
        if (self->slots[at] != 0) {
            self->repeats++;
        } else {
            self->slots[at] = (uint32_t)(row + 1);
        }
        self->count = row + 1; /* the rows before it are all in the table */
    }
    Py_END_ALLOW_THREADS
    if (status < 0) {
        PyErr_NoMemory();
        return -1;
    }
    return 0;
}

static int ready(const Codes *self)
{
    if (self->lock == NULL || self->slots == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "Codes was not initialised");
        return 0;
    }
    return 1;
}

static void Codes_dealloc(Codes *self)
{
    if (self->given.obj != NULL) {
        PyBuffer_Release(&self->given);
    }
    if (!self->borrowed) {
        free(self->words);
    }
    free(self->slots);
    if (self->lock != NULL) {
        PyThread_free_lock(self->lock);
    }
    Py_TYPE(self)->tp_free((PyObject *)self);
}

/* The values of values (a buffer of 32-byte values) looked up or added, their codes written into out
 * (int64, one per value). */
static PyObject *lookup(Codes *self, PyObject *args, int adding)
{
    Py_buffer values = {0}, out = {0};
    PyObject *result = NULL;
    if (!ready(self) || !PyArg_ParseTuple(args, "y*w*", &values, &out)) {
        return NULL;
    }
    Py_ssize_t n = values_in(&values);
    if (n < 0) {
        goto done;
    }
    if ((uintptr_t)out.buf % sizeof(int64_t) != 0) {
        PyErr_SetString(PyExc_ValueError, "out is not aligned on 8 bytes");
        goto done;
    }
    if ((size_t)out.len < (size_t)n * sizeof(int64_t)) {
        PyErr_Format(PyExc_ValueError, "out holds %zd bytes, not 8 for each of %zd values", out.len, n);
        goto done;
    }
    int status = 0;
    lock_without_gil(self);
    Py_BEGIN_ALLOW_THREADS
    if (adding) {
        status = add_values(self, values.buf, n, out.buf);
    } else {
        find_values(self, values.buf, n, out.buf);
    }
    Py_END_ALLOW_THREADS
    if (self->given.obj != NULL && !self->borrowed) { /* copied out to add a value: let go of it */
        PyBuffer_Release(&self->given);
    }
    PyThread_release_lock(self->lock);
    if (status < 0) {
        PyErr_SetString(PyExc_MemoryError, "no memory or no code left for more values");
        goto done;
    }
    result = Py_NewRef(Py_None);
done:
    PyBuffer_Release(&values);
    PyBuffer_Release(&out);
    return result;
}

static PyObject *Codes_add(Codes *self, PyObject *args)
{
    return lookup(self, args, 1);
}

static PyObject *Codes_find(Codes *self, PyObject *args)
{
    return lookup(self, args, 0);
}

static PyObject *Codes_words(Codes *self, PyObject *unused)
{
    (void)unused;
    if (!ready(self)) {
        return NULL;
    }
    lock_without_gil(self);
    PyObject *result = PyBytes_FromStringAndSize((const char *)self->words, self->count * VALUE_BYTES);
    PyThread_release_lock(self->lock);
    return result;
}

static PyObject *Codes_count(Codes *self, void *closure)
{
    (void)closure;
    return PyLong_FromSsize_t(self->count);
}

static PyObject *Codes_repeats(Codes *self, void *closure)
{
    (void)closure;
    return PyLong_FromSsize_t(self->repeats);
}

static PyMethodDef Codes_methods[] = {
    {"add", (PyCFunction)Codes_add, METH_VARARGS,
     "add(values, out): each value's code written into out (int64), a new value numbered next."},
    {"find", (PyCFunction)Codes_find, METH_VARARGS,
     "find(values, out): each value's code written into out (int64), -1 for a value not held."},
    {"words", (PyCFunction)Codes_words, METH_NOARGS, "words() -> bytes: the 32 bytes of each code's value, in order."},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef Codes_getset[] = {
    {"count", (getter)Codes_count, NULL, "The number of codes (a given set's rows, repeats included).", NULL},
    {"repeats", (getter)Codes_repeats, NULL, "The given set's rows equal to a row before them.", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyTypeObject CodesType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "curator.check._tokens_native.Codes",
    .tp_doc = PyDoc_STR("Codes(seed, words=None): 32-byte values -> codes in order of first appearance, or the\n"
                        "rows of a set given at once (a buffer of 32-byte values; a repeat keeps the first row).\n"
                        "seed: 40 random bytes, the table's own."),
    .tp_basicsize = sizeof(Codes),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)Codes_init,
    .tp_dealloc = (destructor)Codes_dealloc,
    .tp_methods = Codes_methods,
    .tp_getset = Codes_getset,
};

static PyMethodDef methods[] = {
    {"hex_words", hex_words, METH_VARARGS, hex_words_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_tokens_native", "Pseudonyms as words and their codes (see curator/check/tokens.py).", -1,
    methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__tokens_native(void)
{
    init_hex_values();
    if (PyType_Ready(&CodesType) < 0) {
        return NULL;
    }
    PyObject *created = PyModule_Create(&module);
    if (created == NULL) {
        return NULL;
    }
    if (PyModule_AddObjectRef(created, "Codes", (PyObject *)&CodesType) < 0) {
        Py_DECREF(created);
        return NULL;
    }
    return created;
}
