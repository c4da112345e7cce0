"""A password-protected report is said to be one, in English and in Chinese.

A judge's folder held a 审计局 report saved from Word with a password to open (an encrypted
.docx is an OLE container holding EncryptionInfo and EncryptedPackage streams, not a zip) and
a 统计局 PDF with a user password. The .docx was called "a legacy MS Office file without a
Word document in it (.xls/.ppt/.et, or a damaged .doc)" and told to be exported as .docx;
the PDF's English line said "encrypted", but its Chinese line — the one the office reads in
the audit — said 文件格式不受支持…请转换为.docx, advice nobody can follow without the password.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from nlp_reports.corpus import audit, tag_paths
from nlp_reports.errors import UnsupportedFormatError
from nlp_reports.ingest import read_document
from nlp_reports.reasons import failure_meaning_zh

DOC13 = Path(__file__).parent / "fixtures" / "doc13"


def _encrypted_docx() -> bytes:
    """A real OLE container whose Word stream's directory entry is renamed EncryptedPackage
    (what Word writes for a .docx with a password to open: the package, encrypted, in an
    OLE file), its name length updated as a directory entry holds it."""
    data = bytearray((DOC13 / "township_2023.doc").read_bytes())
    old = "WordDocument".encode("utf-16-le")
    at = bytes(data).index(old)
    new = "EncryptedPackage".encode("utf-16-le") + b"\0\0"
    data[at:at + 64] = new.ljust(64, b"\0")
    data[at + 64:at + 66] = len(new).to_bytes(2, "little")
    return bytes(data)


def _encrypted_pdf() -> bytes:
    pytest.importorskip("reportlab")
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    enc = pdfencrypt.StandardEncryption("secret", ownerPassword="owner", canPrint=1)
    c = canvas.Canvas(buf, encrypt=enc)
    c.drawString(72, 720, "2023 report")
    c.save()
    return buf.getvalue()


def test_an_encrypted_docx_is_called_encrypted_not_a_legacy_office_file(tmp_path):
    olefile = pytest.importorskip("olefile")
    data = _encrypted_docx()
    assert olefile.isOleFile(data)
    for name in ("雁丘市审计局2024年政府信息公开工作年度报告.docx", "年报.doc", "年报"):
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(UnsupportedFormatError) as err:
            read_document(path)
        message = str(err.value)
        assert "encrypted (password-protected" in message, message
        assert "without a Word document" not in message and ".xls" not in message


def test_the_chinese_line_of_an_encrypted_file_says_it_is_encrypted(tmp_path):
    pytest.importorskip("pdfplumber")
    folder = tmp_path / "报告"
    folder.mkdir()
    (folder / "雁丘市审计局2024年报.docx").write_bytes(_encrypted_docx())
    (folder / "雁丘市统计局2023年报.pdf").write_bytes(_encrypted_pdf())
    # a sheet with no Word stream keeps its own sentence, and another OLE file the generic one
    (folder / "附表.wps").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    result = tag_paths(folder, tmp_path / "s.sqlite")
    assert result.failed == 3
    checked = audit(tmp_path / "s.sqlite")
    rows = {Path(p).name: z for p, z in zip(checked.table["path"], checked.table["findings_zh"],
                                            strict=True)}
    for name in ("雁丘市审计局2024年报.docx", "雁丘市统计局2023年报.pdf"):
        zh = rows[name]
        assert "已加密" in zh and "密码" in zh, zh
        assert "格式不受支持" not in zh and "转换为.docx" not in zh, zh
    assert "格式不受支持" in rows["附表.wps"]


def test_every_encrypted_message_gets_the_encrypted_sentence():
    for message in ("the PDF is encrypted (password-protected: a password is needed to open it)",
                    "the .doc is encrypted (password-protected: a password is needed to open it)"):
        zh = failure_meaning_zh(f"unsupported_format: {message}")
        assert zh is not None and "已加密" in zh
