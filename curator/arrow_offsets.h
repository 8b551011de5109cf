/* An Arrow string array's offset, as the compiled accelerators read it (curator/protect/_hmac_native.c,
 * curator/check/_tokens_native.c): each is read once, then checked by its caller (in bounds, monotonic)
 * before the bytes it delimits are read; a bad one raised as ValueError. Included after Python.h. */
#ifndef CURATOR_ARROW_OFFSETS_H
#define CURATOR_ARROW_OFFSETS_H

#include <stdint.h>
#include <string.h>

static inline int64_t offset_at(const unsigned char *offsets, Py_ssize_t index, int width)
{
    if (width == 4) {
        int32_t value;
        memcpy(&value, offsets + index * 4, 4); /* Arrow buffers are aligned, numpy slices may not be */
        return value;
    }
    int64_t value;
    memcpy(&value, offsets + index * 8, 8);
    return value;
}

/* The ValueError for the offset at index bad, found negative, below the one before or past the
 * data_length bytes of data: the same words from every accelerator. */
static void raise_bad_offset(const unsigned char *offsets, Py_ssize_t bad, int width, Py_ssize_t data_length)
{
    PyErr_Format(PyExc_ValueError,
                 "offset %zd (%lld) is negative, smaller than the one before or past the %zd bytes of data", bad,
                 (long long)offset_at(offsets, bad, width), data_length);
}

#endif
