## Documents in the desks: opening a dossier's document from a registration's card (/dangky)
unit_reg_document_shown = 📄 { $item } — hồ sơ của { $unit }
