## Documents in the desks: opening a dossier's document from a registration's card (/dangky)
unit_reg_document_shown = 📄 { $item } — dossier of { $unit }
