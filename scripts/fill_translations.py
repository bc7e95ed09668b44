#!/usr/bin/env python3
"""Fill empty msgstr entries of a gettext .po file from JSON translation tables (stdlib only).

    python scripts/fill_translations.py locale/en/LC_MESSAGES/django.po tables/*.json

After `make messages` adds new msgids, fill them from tables and run `make messages` again to compile.

Each JSON file is {"msgid": "English"} or, for plural entries, {"msgid": ["one", "many"]}.
Only entries whose msgstr is empty (or any msgstr[n] is empty) or that are marked fuzzy (msgmerge's guess) are
filled; other existing translations are kept. A fuzzy flag is removed only on entries this script fills.
Obsolete (#~) entries are left alone.
Prints the msgids that are still untranslated (and the fuzzy ones) at the end.
"""
import json
import re
import sys

_ESC = {'"': '"', "\\": "\\", "n": "\n", "t": "\t", "r": "\r"}


def unquote(s):
    s = s.strip()
    assert s.startswith('"') and s.endswith('"'), s
    return re.sub(r'\\(.)', lambda m: _ESC.get(m.group(1), "\\" + m.group(1)), s[1:-1])


def quote(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\r", "\\r").replace(
        "\n", "\\n") + '"'


def format_field(keyword, value):
    """Render `keyword "value"` like xgettext: long or multi-line values are split after \\n."""
    if "\n" not in value[:-1] and len(keyword) + len(quote(value)) + 1 <= 79:
        return [f"{keyword} {quote(value)}"]
    lines = [f'{keyword} ""']
    parts = re.split(r'(?<=\n)', value)
    for part in parts:
        if not part:
            continue
        # wrap long pieces at spaces
        while len(quote(part)) > 77:
            cut = part.rfind(" ", 0, 70)
            if cut <= 0:
                break
            lines.append(quote(part[:cut + 1]))
            part = part[cut + 1:]
        lines.append(quote(part))
    return lines


class Entry:
    def __init__(self):
        self.comments = []  # comment lines except flags
        self.flags = []
        self.msgctxt = None
        self.msgid = None
        self.msgid_plural = None
        self.msgstr = None  # str, or dict {n: str} for plurals
        self.obsolete = False
        self.raw = []  # original lines, written back verbatim unless the entry was modified
        self.modified = False

    @property
    def untranslated(self):
        if isinstance(self.msgstr, dict):
            return any(not v for v in self.msgstr.values())
        return not self.msgstr

    @property
    def fuzzy(self):
        return "fuzzy" in self.flags

    def render(self):
        if not self.modified:
            return self.raw
        out = [c for c in self.comments if not c.startswith("#|")]
        if self.flags:
            out.append("#, " + ", ".join(self.flags))
        out += [c for c in self.comments if c.startswith("#|")]
        if self.msgctxt is not None:
            out += format_field("msgctxt", self.msgctxt)
        out += format_field("msgid", self.msgid)
        if self.msgid_plural is not None:
            out += format_field("msgid_plural", self.msgid_plural)
        if isinstance(self.msgstr, dict):
            for n in sorted(self.msgstr):
                out += format_field(f"msgstr[{n}]", self.msgstr[n])
        else:
            out += format_field("msgstr", self.msgstr)
        return out


def parse(text):
    """Return a list of blocks: Entry objects or raw lists of lines (obsolete entries)."""
    blocks, cur = [], []
    for line in text.splitlines():
        if line.strip() == "":
            if cur:
                blocks.append(cur)
                cur = []
        else:
            cur.append(line)
    if cur:
        blocks.append(cur)
    result = []
    for lines in blocks:
        if all(ln.startswith("#~") or ln.startswith("#") and not ln.startswith("#,") and "msgid" not in ln
               for ln in lines) and any(ln.startswith("#~") for ln in lines):
            result.append(lines)  # obsolete: kept verbatim
            continue
        e = Entry()
        e.raw = lines
        key = None
        for ln in lines:
            if ln.startswith("#,"):
                e.flags += [f.strip() for f in ln[2:].split(",") if f.strip()]
            elif ln.startswith("#"):
                e.comments.append(ln)
            elif ln.startswith('"'):
                val = unquote(ln)
                if key == "msgctxt":
                    e.msgctxt += val
                elif key == "msgid":
                    e.msgid += val
                elif key == "msgid_plural":
                    e.msgid_plural += val
                elif isinstance(key, int):
                    e.msgstr[key] += val
                else:
                    e.msgstr += val
            else:
                m = re.match(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")$', ln)
                if not m:
                    raise ValueError(f"cannot parse line: {ln!r}")
                kw, idx, val = m.group(1), m.group(2), unquote(m.group(3))
                if kw == "msgctxt":
                    e.msgctxt, key = val, kw
                elif kw == "msgid":
                    e.msgid, key = val, kw
                elif kw == "msgid_plural":
                    e.msgid_plural, key = val, kw
                elif idx is not None:
                    if not isinstance(e.msgstr, dict):
                        e.msgstr = {}
                    key = int(idx)
                    e.msgstr[key] = val
                else:
                    e.msgstr, key = val, "msgstr"
        result.append(e)
    return result


def dump(blocks):
    out = []
    for b in blocks:
        out.append("\n".join(b.render() if isinstance(b, Entry) else b))
    return "\n\n".join(out) + "\n"


def placeholders(s):
    return sorted(re.findall(r'%\(\w+\)[sd]|%[sd]|\{\w*\}', s))


def load_tables(paths):
    table = {}
    for p in paths:
        with open(p, encoding="utf-8") as fh:
            data = json.load(fh)
        for k, v in data.items():
            if v in ("", None, []):
                continue
            table.setdefault(k, v)  # earlier files win
    return table


def fill(blocks, table):
    filled = 0
    for e in blocks:
        if not isinstance(e, Entry) or e.msgid == "" or not (e.untranslated or e.fuzzy):
            continue
        v = table.get(e.msgid)
        if v is None:
            continue
        if isinstance(e.msgstr, dict):
            forms = v if isinstance(v, list) else [v]
            forms = forms + [forms[-1]] * (len(e.msgstr) - len(forms))
            e.msgstr = {n: forms[n] for n in sorted(e.msgstr)}
        else:
            e.msgstr = v[0] if isinstance(v, list) else v
            if placeholders(e.msgstr) != placeholders(e.msgid):
                print(f"WARNING placeholders differ: {e.msgid!r} -> {e.msgstr!r}", file=sys.stderr)
        e.modified = True
        if e.fuzzy:
            e.flags.remove("fuzzy")
            e.comments = [c for c in e.comments if not c.startswith("#|")]  # previous msgid is stale now
        filled += 1
    return filled


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    po, jsons = argv[0], argv[1:]
    with open(po, encoding="utf-8") as fh:
        blocks = parse(fh.read())
    n = fill(blocks, load_tables(jsons))
    with open(po, "w", encoding="utf-8") as fh:
        fh.write(dump(blocks))
    left = [e for e in blocks if isinstance(e, Entry) and e.msgid and e.untranslated]
    fuzzy = [e for e in blocks if isinstance(e, Entry) and e.msgid and e.fuzzy and not e.untranslated]
    print(f"filled {n} entries; {len(left)} untranslated, {len(fuzzy)} fuzzy remain")
    for e in left:
        print("UNTRANSLATED:", json.dumps(e.msgid, ensure_ascii=False))
    for e in fuzzy:
        print("FUZZY:", json.dumps(e.msgid, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
