"""What each reason a file can fail with (``files.reason``, ``ParseError.reason``) means, in
Chinese (失败原因说明): what happened and what to do, in the words of a disclosure office.

One table for every place a failure is shown to a Chinese reader: the audit's 审查意见 and
HTML page (:mod:`nlp_reports.corpus.audit`) and the command line (``tag``'s failed files,
``parse``'s errors). A module of its own, importing nothing, so that the command line does
not load the audit (pandas' helpers, its patterns) to say why a file failed.
"""

from __future__ import annotations

#: What each failure reason means, in the words of a disclosure office's letter: the
#: ``failed`` cell's English message alone told a Chinese-speaking reviewer nothing.
FAILURE_ZH: dict[str, str] = {
    "empty": "文件为空（多为下载失败或未保存内容），请重新下载",
    "binary": "文件已损坏或不完整（如下载中断），请重新下载，或用Word/WPS打开后另存",
    "undecodable": "无法识别文件的文字编码，请用记事本另存为UTF-8编码的.txt文件",
    "too_large": "文件过大，超出读取上限",
    "not_a_report": "文件内容不是政府信息公开工作年度报告（未找到章节标题、统计表格或关键词；"
                    "可能是登录页、错误页，或没有文字层的扫描件）",
    "error_page": "保存下来的不是报告，而是网站返回的错误页、登录页、拦截页、验证页或空白页面（如"
                  "“404”“页面不存在”“统一身份认证”“访问被拦截”），报告并未下载成功；请在浏览器中"
                  "打开报告页面重新下载，替换此文件后重新运行",
    "unsupported_format": "文件格式不受支持（如.xls、.rtf、.odt或压缩包），"
                          "请转换为.docx，或另存为.txt、.html、.pdf",
    "missing_dependency": "缺少读取该格式所需的可选依赖，按说明安装后重新运行即可",
    "not_found": "文件不存在",
    "unreadable": "无法打开该文件（权限不足或不是普通文件）",
    "timeout": "解析超时（文件过大或结构异常）；可用 --timeout 调大上限（0为不限）后重新运行",
    "tag_error": "分类时出错，请将英文说明反馈给维护者",
    "parse_error": "解析出错，详见英文说明",
    "worker_error": "处理该文件时并行子进程意外退出（如内存不足被终止），重新运行即可重试",
    "store_error": "写入数据库时出错（如磁盘已满或数据库文件只读），排除后重新运行",
    "error": "处理时发生意外错误，请将英文说明反馈给维护者",
    "part_failed": "该文件是汇编（含多份报告），其余报告已读取并各列一行，英文说明所列的部分无法读取；"
                   "可将该部分单独保存为一个文件后重新运行",
}


#: A page that is not itself the report but points to it (not_a_report with the parser's
#: message of a link, a viewer or scanned images): the generic 登录页、错误页 reading told a
#: reader that the report was lost, when its attachment, saved beside it, was read.
_POINTER_ZH: tuple[tuple[str, str], ...] = (
    ("it is read on its own", "该网页没有报告正文，只有附件链接（或附件预览）；附件已保存在同一文件夹中，"
                          "作为单独的文件读取（报告以附件为准，见该附件的行），此网页本身无需处理"),
    ("only a link to or viewer of", "该网页没有报告正文，只有附件链接（或附件预览）；请下载附件"
                                    "（PDF、Word 文件）放入文件夹后重新运行"),
    ("only points to an attached file", "该网页没有报告正文，只有附件链接；请下载附件（PDF、"
                                        "Word 文件）放入文件夹后重新运行"),
    # a site's column page listing reports (ingest.html: "… it lists N links to reports")
    ("links to reports", "该网页没有报告正文，只是网站栏目中报告标题的列表；请打开列表中所需报告自己的页面，"
                         "另存后重新运行"),
    # the same list copied as text, its links gone (parse.load: "a list of N report titles")
    ("report titles, not a report", "该文件没有报告正文，只是网站栏目中报告标题的列表；请打开列表中所需报告"
                                    "自己的页面，另存后重新运行"),
    ("images (scanned pages)", "报告以图片（扫描件）形式发布，没有文字层；请找文字版，或先做文字"
                               "识别（OCR）"),
    # a redirect page (ingest.html: "… it is a redirect page sending the browser to …")
    ("it is a redirect page", "保存下来的是跳转页面（“页面跳转中”），不是报告本身；请在浏览器中打开它跳转到的"
                              "报告页面，另存后重新运行"),
    # a page retelling the report (parse.load: "a page about the report (解读, 图解 …)")
    ("a page about the report (解读", "该网页是对年度报告的解读（图解、一图读懂等），不是报告本身；请另存报告"
                                "原文的页面（或其附件）后重新运行"),
    # a scanned OFD (ingest.ofd: "the OFD has no text layer …"): OCR tools take a PDF
    ("the OFD has no text layer", "该OFD文件为扫描件（页面是图片，没有文字层），无法读取文字；请找文字版，或用"
                                  "OFD阅读器（数科、福昕等）另存为PDF后做文字识别（OCR），如 ocrmypdf -l "
                                  "chi_sim 原文件.pdf 新文件.pdf，再重新运行"),
    # a scanned PDF itself (ingest.pdf: "the PDF has no text layer (a scan: …): run OCR")
    ("has no text layer", "该PDF为扫描件（页面是图片，没有文字层），无法读取文字；请找文字版，或先做"
                          "文字识别（OCR），如 ocrmypdf -l chi_sim 原文件.pdf 新文件.pdf，再重新运行"),
)


#: A compilation refused as one report (parse.load: "a compilation of N reports …": ``load_report``,
#: ``parse --no-split``, ``tag --no-split``): the generic reading (登录页、错误页、扫描件) sent a
#: reader of the Chinese line looking for a page that was never wrong.
_COMPILATION_ZH = ("a compilation of",
                   "文件是汇编（含多份报告，如部门年报汇编、年鉴，或一个页面刊出了几个年度的报告），不是单独的一份"
                   "报告；不加 --no-split 时 nlp-reports parse 和 tag 会逐份读取（Python 中用 load_reports()），"
                   "也可把每份报告另存为单独的文件后重新运行")


#: A text too small to be any report (parse.load: "too small to be a report: section headings
#: … but no title, no table and no sentence"): the generic reading (未找到章节标题) denied the
#: headings the reader can see.
_FRAGMENT_ZH = ("too small to be a report",
                "文件内容过少，不是一份报告：只有章节标题（如“一、总体情况”“依申请公开”），没有报告标题、"
                "统计表格，标题下也没有一句正文；多为报告的片段（下载不完整或只复制了标题），请保存完整的报告"
                "后重新运行")
#: A table of contents alone (parse.load: "too small to be a report: a table of contents
#: (目录) …"), titled or not: said as what it is, before the fragment's sentence.
_CONTENTS_ZH = ("a table of contents (目录)",
                "文件只有目录：章节标题及页码，标题下没有正文；多为只保存了报告的目录页（首页），请保存完整的报告"
                "后重新运行")


#: A PDF or OFD whose fonts map glyphs to no character (ingest.pdf._unmapped_glyphs: "…
#: carry no usable Unicode map …"): undecodable, but not a text file's encoding — the
#: generic sentence (另存为UTF-8编码的.txt) would send the reader the wrong way.
_UNMAPPED_ZH = ("carry no usable Unicode map",
                "文件所用字体缺少字符映射（ToUnicode），文字层读出的是乱码或私用区字符，无法读取；请找文字版，"
                "或先做文字识别（OCR），如 ocrmypdf -l chi_sim --force-ocr 原文件.pdf 新文件.pdf（OFD文件先用"
                "OFD阅读器另存为PDF），再重新运行")


#: What an unsupported file is, where the reason's generic sentence (convert to .docx, save as
#: .pdf) would mislead: a screenshot saved as 报告.pdf was told to be saved as a .pdf.
_UNSUPPORTED_ZH: tuple[tuple[str, str], ...] = (
    # a crawler's JSON / JSON lines / CSV with each report's text in a field (ingest.dump)
    ("a crawler's dump", "文件是爬虫导出的数据（JSON、JSON lines 或 CSV），报告正文在其中某一字段（字段名见英文说明），"
                         "不是报告文件；工具不猜测字段、不拆分记录：请把每条记录的该字段另存为单独的 .txt 文件"
                         "（一份报告一个文件）后重新运行"),
    ("spreadsheet", "文件是电子表格（多为随报告发布的附表、统计表），工具不读取电子表格；报告的表格以报告正文中的为准，"
                    "此类附表无需处理。若该文件就是报告本身，请另存为.docx、.pdf或.txt后重新运行"),
    ("an image", "文件是图片（截图、照片或扫描的页面，有的以.pdf等报告的扩展名保存），不是报告的文字；"
                 "请找报告的文字版（网页、Word文件或带文字层的PDF），或先做文字识别（OCR）后重新运行"),
    # a PK header with no readable zip behind it (ingest._sniff_zip): nothing to unpack
    ("a damaged zip archive", "文件已损坏（不完整的压缩格式文件，如下载中断的.docx或.zip），请重新下载"),
    # parse reads one report file; tag reads a zip's members in place (ingest._ZIP_ADVICE):
    # the Chinese said only 请先解压 where the English gave the command reading it as it is
    ("a zip archive: ", "文件是 zip 压缩包：nlp-reports tag 压缩包.zip --db 数据库文件.sqlite "
                        "可直接读取其中的报告，无需解压；或先解压（Windows 上生成的压缩包用 "
                        "unzip -O GBK 可保留中文文件名），再读取解压出的文件"),
    ("archive", "文件是压缩包，请先解压，再对解压出的文件夹重新运行（英文说明中给出解压命令）"),
    # a PDF, .doc or .docx with a password to open (ingest.pdf, ingest.doc, ingest.sniff_format):
    # converting it is what the password prevents
    ("encrypted (password-protected", "文件已加密（设有打开密码），无法读取其文字；请向发布机关索取未加密的版本，"
                                      "或在知道密码时用Word/WPS或PDF工具打开，另存为不带密码的文件后重新运行"),
)


#: What a ``parse_error`` is, by its message (ingest.read_input, corpus.archive): the reason
#: alone (解析出错) told ``parse`` of a mistyped path or of a folder nothing.
_PARSE_ERROR_ZH: tuple[tuple[str, str], ...] = (
    ("a folder, not a report file", "这是文件夹，不是报告文件；要读取文件夹中的全部报告，请用 "
                                    "nlp-reports tag 文件夹 --db 数据库文件.sqlite"),
    ("no such file", "文件不存在，请检查路径和文件名"),
    ("not a regular file", FAILURE_ZH["unreadable"]),
    ("no longer in its zip", "压缩包在读取过程中被改动，该文件已不在其中；请重新运行"),
    ("under a name another member has too", "压缩包中有多个同名文件，每个名称只读取了第一个；请用"
                                            "7-Zip解压（选择“自动重命名”），再对解压出的文件夹运行"),
)


#: An encrypted member of a zip read in place (``unreadable``): the reason's sentence spoke
#: of permissions.
_ENCRYPTED_ZH = "压缩包中的这个文件已加密（设有密码），请用密码解压后，对解压出的文件夹重新运行"


#: The sentences told by the message, by reason (the first phrase the message holds wins;
#: else the reason's own sentence): an encrypted zip member is ``unreadable``, not a
#: permission.
_BY_MESSAGE: dict[str, tuple[tuple[str, str], ...]] = {
    "not_a_report": (*_POINTER_ZH, _COMPILATION_ZH, _CONTENTS_ZH, _FRAGMENT_ZH),
    "undecodable": (_UNMAPPED_ZH,),
    "unsupported_format": _UNSUPPORTED_ZH,
    "parse_error": _PARSE_ERROR_ZH,
    "unreadable": (("encrypted (password-protected) in the zip", _ENCRYPTED_ZH),),
}


def failure_meaning_zh(failed: str) -> str | None:
    """What a failed file's ``failed`` cell (``reason: message``) means, in Chinese: the
    reason's sentence (:data:`FAILURE_ZH`), or for a page that only links to its report,
    that sentence and whether the linked file is in the folder (read on its own); a PDF
    or OFD with unmapped fonts gets OCR advice, not the text-encoding one; an image or an
    archive is said as what it is, not told to be converted to .docx; a parse_error (a
    missing path, a folder) as what it is."""
    reason = failed.split(":", 1)[0].strip()
    return next((zh for key, zh in _BY_MESSAGE.get(reason, ()) if key in failed),
                FAILURE_ZH.get(reason))


#: What an error that stops a whole command means, in Chinese, by its class (the first of
#: the class's bases found here): a reader of the Chinese half met "error: …" in English
#: only when the store was busy, a model untrusted or labeled data malformed. The English
#: line above keeps the particulars (paths, line numbers); this one says what to do.
ERROR_ZH: dict[str, str] = {
    "StoreBusyError": "数据库正由另一个 tag 运行写入（其进程号和开始时间见上行），本次运行没有读写任何内容；"
                      "请等该运行结束后重新运行。若确认该运行已不存在，删除上行所说的 .lock 文件后重新运行",
    "StoreError": "数据库（--db 所指的 SQLite 文件）不存在，或无法打开、创建、写入，原因见上行（如尚未用 "
                  "tag 建立、给的是文件夹、文件夹不存在、文件只读、磁盘已满）；排除后重新运行，已写入的报告不会丢失",
    "ClusterError": "无法连接 Dask 调度器，或运行中与其断开（地址见上行）；已写入数据库的报告不会丢失，"
                    "检查 --scheduler 地址和集群状态后重新运行即可接着处理",
    "ModelNotFoundError": "所给路径下没有模型；不加 --model 即使用随软件安装的默认模型",
    "UntrustedModelError": "该模型不是随软件安装的模型：模型文件（joblib）加载时会执行其中的代码，"
                           "只有确认来源可信时，才加 --trust-model（Python 中 trust=True）加载",
    "ModelIntegrityError": "模型文件与其记录的 SHA-256 校验值不符（文件被改动或已损坏），已拒绝加载；"
                           "请重新安装本软件或重新训练该模型",
    "IncompatibleModelError": "该模型由其他版本的 scikit-learn 或模型格式生成，不能在当前环境使用；"
                              "按上行说明安装对应版本，或用 nlp-reports train 重新训练",
    "ModelError": "模型无法加载或使用，原因见上行",
    "DataError": "标注数据格式有误（文件名和行号见上行），修正后重新运行；每条需有 text、kind、themes",
    "StoreModelError": "数据库中的报告由自己训练的模型标注，本次未指定 --model，已拒绝运行，未读写任何内容；"
                       "沿用该模型请加 --model 模型文件夹 --trust-model，有意改用随包模型请加 --model default（只重新标注由其他模型标注的报告）或 --retag（所给文件全部重新标注）",
    "MissingPathError": "所给的文件或文件夹不存在（路径见上行），请检查路径和文件名；本次未读写任何内容",
    "UsageError": "参数取值不被接受，原因见上行；用 --help 查看用法",
    # a command stopped for want of an extra: exporting to Parquet, a Dask cluster, the rjieba
    # engine. Not FAILURE_ZH's, which says *reading a file's format* (a file tag or parse
    # could not read), and told one exporting to Parquet that a format could not be read
    "MissingDependencyError": "缺少本功能所需的可选依赖（包名和安装命令见上行），按上行命令安装后重新运行即可",
    "ParseError": "文件无法读取为报告，原因见上行",
}


def error_meaning_zh(exc: BaseException) -> str | None:
    """What ``exc`` — an error of :mod:`nlp_reports.errors` that stopped a command — means
    in Chinese: a ParseError's by its reason and message as ``parse`` says it
    (:func:`failure_meaning_zh`: a folder, a missing file, a spreadsheet …), else
    :data:`ERROR_ZH`'s by the nearest class listed; None for another exception. An error
    carrying its own Chinese message (``message_zh``: one that names a store's models) says
    that."""
    own = getattr(exc, "message_zh", None)  # an error that says its particulars in Chinese
    if isinstance(own, str) and own:
        return own
    reason = getattr(exc, "reason", None)
    if isinstance(reason, str):
        meaning = failure_meaning_zh(f"{reason}: {exc}")
        if meaning:
            return meaning
    return next((ERROR_ZH[c.__name__] for c in type(exc).__mro__ if c.__name__ in ERROR_ZH), None)
