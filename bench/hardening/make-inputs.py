#!/usr/bin/env python3
"""Writes the hostile-but-valid inputs of issue 6 into DIR (nothing here is committed output):
big-files.tar.gz  40 guest configs of 15 MiB each (about 600 MiB unpacked, well under 1 MB packed)
long-name.tar.gz  one GNU long-name entry of 300 MB
many-rows.db      a pmxcfs config.db with 3 million rows
"""
import gzip, io, os, sqlite3, sys, tarfile

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
MiB = 1024 * 1024

def big_files(path, count=40, size=15 * MiB):
    line = b"# " + b"x" * 61 + b"\n"  # 64-byte comment lines: valid, cheap for the parser
    body = line * (size // len(line))
    with gzip.open(path, "wb", compresslevel=6) as gz, tarfile.open(fileobj=gz, mode="w|") as tar:
        def add(name, data):
            info = tarfile.TarInfo(name); info.size = len(data); tar.addfile(info, io.BytesIO(data))
        add("corosync.conf", b"totem {\n  cluster_name: big\n}\n")
        for i in range(count):
            add(f"nodes/pve1/qemu-server/{100 + i}.conf", body)

def long_name(path, size=300 * 1000 * 1000):
    # A GNU 'L' header whose data (the long name) is 300 MB of 'a'.
    def header(name, typeflag, size):
        h = bytearray(512)
        h[0:len(name)] = name
        h[100:108] = b"0000644\0"; h[108:116] = b"0000000\0"; h[116:124] = b"0000000\0"
        h[124:136] = b"%011o\0" % size; h[136:148] = b"00000000000\0"
        h[156:157] = typeflag; h[257:265] = b"ustar  \0"
        h[148:156] = b"        "
        h[148:156] = b"%06o\0 " % sum(h)
        return bytes(h)
    with gzip.open(path, "wb", compresslevel=6) as gz:
        gz.write(header(b"././@LongLink", b"L", size))
        chunk = b"a" * MiB
        left = size
        while left: n = min(left, len(chunk)); gz.write(chunk[:n]); left -= n
        gz.write(b"\0" * ((512 - size % 512) % 512))
        gz.write(header(b"corosync.conf", b"0", 0))
        gz.write(b"\0" * 1024)

def many_rows(path, rows=3_000_000):
    if os.path.exists(path): os.remove(path)
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE tree (inode INTEGER PRIMARY KEY NOT NULL, parent INTEGER NOT NULL, version INTEGER NOT NULL, writer INTEGER NOT NULL, mtime INTEGER NOT NULL, type INTEGER NOT NULL, name TEXT NOT NULL, data BLOB)")
    db.execute("INSERT INTO tree VALUES (0, 0, 0, 0, 0, 8, '__version__', NULL)")
    db.execute("INSERT INTO tree VALUES (1, 0, 1, 1, 0, 8, 'corosync.conf', CAST('totem {\n}\n' AS BLOB))")
    db.execute("INSERT INTO tree VALUES (2, 0, 2, 1, 0, 4, 'nodes', NULL)")
    db.executemany("INSERT INTO tree VALUES (?, 2, ?, 1, 0, 8, ?, CAST('memory: 1024\n' AS BLOB))",
                   ((i, i, f"f{i}.cfg") for i in range(3, rows + 3)))
    db.commit(); db.close()

which = sys.argv[2:] or ["big", "long", "rows"]
if "big" in which: big_files(os.path.join(out, "big-files.tar.gz"))
if "long" in which: long_name(os.path.join(out, "long-name.tar.gz"))
if "rows" in which: many_rows(os.path.join(out, "many-rows.db"))
