#!/usr/bin/env python3
"""Write a C source that holds a file's bytes: embed.py NAME IN OUT.

Defines `const char NAME[]` (NUL-terminated) and `const size_t NAME_len`.
"""
import sys

name, src, dst = sys.argv[1:4]
data = open(src, "rb").read()
with open(dst, "w") as out:
    out.write("/* Generated from %s by lib/embed.py; do not edit. */\n" % src.split("/")[-1])
    out.write("#include <stddef.h>\n\n")
    out.write("extern const char %s[];\nextern const size_t %s_len;\n\n" % (name, name))
    out.write("const char %s[] = {\n" % name)
    for i in range(0, len(data), 12):
        out.write("\t" + " ".join("0x%02x," % b for b in data[i:i + 12]) + "\n")
    out.write("\t0x00,\n};\n\nconst size_t %s_len = %d;\n" % (name, len(data)))
