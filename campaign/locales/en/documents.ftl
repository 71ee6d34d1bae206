## Documents people upload (evidence, dossiers, reports)
document_empty = The file is empty.
document_too_big = The file is too large ({ $size_mb } MB); at most { $limit_mb } MB.
document_kind_refused = Only PDF, Word (.docx), Excel (.xlsx) or image (JPEG, PNG, WebP) files are accepted. Save old .doc or .xls files as .docx or .xlsx.
document_not_found = This document was not found, or you may not see it.
