"""Every sentence the bot says, in Vietnamese first and English second."""

from __future__ import annotations

from typing import Any

from campaign.text import L, Language, Localized

TEXTS: dict[str, Localized] = {
    # Commands and navigation
    "welcome_member": L(
        "Xin chào {name} ({role}, {unit}). Bạn muốn ghi nhận gì?",
        "Hello {name} ({role}, {unit}). What would you like to log?",
    ),
    "menu": L("Chọn một mục:", "Choose an item:"),
    "menu_other": L("Chọn nội dung thi đua:", "Choose a content area:"),
    "menu_tip": L("🚨 Báo nguồn tin", "🚨 Report a tip"),
    "menu_patrol": L("🚶 Tuần tra", "🚶 Patrol"),
    "menu_good_deed": L("🤝 Việc tốt", "🤝 Good deed"),
    "menu_other_areas": L("📋 Nội dung khác", "📋 Other areas"),
    "menu_mine": L("🗂 Mục tôi đã ghi", "🗂 My entries"),
    "menu_help": L("❓ Trợ giúp", "❓ Help"),
    "menu_back": L("⬅ Về menu chính", "⬅ Main menu"),
    # /help is built from handlers.commands: this introduction, then one line a command.
    "help": L(
        "antt-bot giúp thành viên Tổ bảo vệ ANTT ở cơ sở ghi nhận nguồn tin, tuần tra, việc tốt "
        "và các nội dung thi đua khác; chỉ huy xem xét và chấm điểm.",
        "antt-bot helps members of the grassroots security teams log tips, patrols, good deeds "
        "and the plan's other content areas; commanders review and score them.",
    ),
    "help_commands": L("Các lệnh:", "Commands:"),
    "help_after_registering": L("Sau khi đăng ký:", "Once registered:"),
    "help_choices": L(
        "Ở bước có lựa chọn, bạn có thể bấm nút, gõ số thứ tự hoặc gõ tên lựa chọn.",
        "Where there are choices you can tap a button, type its number or type its name.",
    ),
    "command_start": L("bắt đầu, đăng ký bằng mã mời", "start, register with an invite code"),
    "command_menu": L("menu chính", "main menu"),
    "command_tip": L("báo nguồn tin", "report a tip"),
    "command_patrol": L("ghi nhận tuần tra", "log a patrol"),
    "command_good_deed": L("ghi nhận việc tốt", "log a good deed"),
    "command_review": L("duyệt mục chờ", "review pending entries"),
    "command_tips": L("theo dõi, xử lý nguồn tin", "follow up tips"),
    "command_grading": L("xếp loại cuối năm", "year-end grades"),
    "command_targets": L("tiến độ chỉ tiêu", "progress against targets"),
    "command_deliverable": L("đánh dấu đã nộp báo cáo theo hạn", "mark a report as submitted"),
    "command_broadcast": L(
        "gửi thông báo tới các đơn vị trực thuộc", "send an announcement to the units under yours"
    ),
    "command_mine": L("các mục tôi đã ghi", "my entries"),
    "command_edit": L("sửa một mục đã ghi", "correct an entry"),
    "command_standings": L("bảng xếp hạng", "standings"),
    "command_link": L("mã liên kết để dùng thêm kênh khác", "a code to use another channel too"),
    "command_nudges": L("tắt, bật lời nhắc hằng tuần", "weekly reminders off or on"),
    "command_back": L("quay lại bước trước", "previous step"),
    "command_cancel": L("hủy thao tác đang làm", "cancel what you are doing"),
    "command_lang": L("đổi ngôn ngữ", "change language"),
    "command_help": L("trợ giúp", "help"),
    "hint_code": L("[MÃ]", "[CODE]"),
    "hint_text": L("[NỘI DUNG]", "[TEXT]"),
    "hint_on_off": L("tat|bat", "off|on"),
    "hint_language": L("vi|en", "vi|en"),
    "unknown_command": L(
        "Không có lệnh {command}. Gõ /help để xem các lệnh.",
        "There is no command {command}. Type /help for the commands.",
    ),
    "cancelled": L("Đã hủy. Không có gì được lưu.", "Cancelled. Nothing was saved."),
    "desk_closed": L(
        "Đã đóng. Các quyết định đã ghi vẫn được giữ.", "Closed. Decisions already made are kept."
    ),
    "nothing_to_cancel": L("Không có thao tác nào đang làm.", "Nothing is in progress."),
    "nothing_to_go_back": L("Đây là bước đầu tiên.", "This is the first step."),
    "nothing_in_progress": L(
        "Không có thao tác nào đang làm để quay lại.", "Nothing is in progress to go back in."
    ),
    "expired": L(
        "Thao tác trước đã bị hủy vì bạn không trả lời trong {minutes} phút. Không có gì được "
        "lưu hay gửi đi.",
        "What you were doing was cancelled: no answer for {minutes} min. Nothing was saved "
        "or sent.",
    ),
    "stale_choice": L(
        "Nút này thuộc một câu hỏi cũ và không còn dùng được.",
        "That button belongs to an earlier question and no longer works.",
    ),
    "unsupported": L(
        "Bot chỉ đọc được chữ và ảnh (và vị trí, nếu ứng dụng cho phép gửi); tin nhắn vừa rồi "
        "(nhãn dán, tin thoại, tệp...) chưa được xử lý.",
        "The bot reads text and photos (and locations, where the app can send them); that "
        "message (a sticker, voice note, file...) was not handled.",
    ),
    "photo_as_file": L(
        "Ảnh gửi dạng tệp (như HEIC của iPhone) chưa đọc được. Hãy gửi lại như một ảnh "
        "thường (chọn Ảnh, không chọn Tệp), hoặc chụp màn hình ảnh đó rồi gửi.",
        "A photo sent as a file in this format (an iPhone's HEIC) cannot be read. Send it again "
        "as an ordinary photo (Photo, not File), or send a screenshot of it.",
    ),
    "photo_failed": L(
        "Không tải được ảnh vừa gửi. Hãy gửi lại ảnh (hoặc chọn Bỏ qua).",
        "The photo could not be downloaded. Please send it again (or choose Skip).",
    ),
    "edited": L(
        "Bot không đọc lại tin nhắn đã sửa. Nếu cần đổi câu trả lời, gõ /quaylai rồi trả lời lại.",
        "The bot does not read edited messages. To change an answer, type /back and answer again.",
    ),
    "private_only": L(
        "Bot chỉ làm việc trong trò chuyện riêng, không trong nhóm: hãy nhắn riêng cho bot.",
        "The bot works in private chats only, not in groups: please message it directly.",
    ),
    "lang_set": L("Đã chuyển sang tiếng Việt.", "Switched to English."),
    "lang_usage": L("Dùng: /lang vi hoặc /lang en", "Use: /lang vi or /lang en"),
    "flow_hint": L(
        "(Gõ /quaylai để quay lại bước trước, /huy để hủy.)",
        "(Type /back for the previous step, /cancel to cancel.)",
    ),
    "error_retry": L(
        "Xin lỗi, hệ thống đang gặp sự cố nên chưa lưu được. Vui lòng gửi lại sau ít phút.",
        "Sorry, something went wrong and nothing was saved. Please send it again in a minute.",
    ),
    # Registration
    "need_registration": L(
        "Bạn chưa đăng ký. Hãy gõ mã mời 8 ký tự do Tổ trưởng hoặc Công an xã cấp "
        "(ví dụ /start ABCD2345). Gõ /help để xem hướng dẫn.",
        "You are not registered yet. Type the 8-character invite code from your team leader "
        "or commune police (e.g. /start ABCD2345). Type /help for help.",
    ),
    "ask_invite": L("Nhập mã mời 8 ký tự của bạn:", "Enter your 8-character invite code:"),
    # Unknown, used and expired codes get the same answer: a guesser learns nothing from it.
    "invite_unknown": L(
        "Mã mời {code} không đúng, đã được dùng hoặc đã hết hạn. Kiểm tra lại (mã gồm 8 ký tự, "
        "không có số 0, 1 và chữ O, I) hoặc xin mã mới từ Tổ trưởng / Công an xã.",
        "Invite code {code} is wrong, used or expired. Check it (8 characters, no 0, 1, O or I) "
        "or ask your team leader / commune police for a new one.",
    ),
    "invite_wait": L(
        "Bạn đã nhập sai mã mời nhiều lần. Vui lòng thử lại sau {minutes} phút.",
        "Too many wrong invite codes. Please try again in {minutes} min.",
    ),
    "invite_misplaced": L(
        "Mã mời {code} không dùng được: vai trò {role} không thuộc đơn vị {unit}. "
        "Hãy xin mã mới từ Công an xã.",
        "Invite code {code} cannot be used: the role {role} does not belong to {unit}. "
        "Ask the commune police for a new one.",
    ),
    "already_registered": L(
        "Bạn đã đăng ký: {name}, {role}, {unit}.",
        "You are already registered: {name}, {role}, {unit}.",
    ),
    "invite_found": L("Mã mời hợp lệ: {role} — {unit}.", "Valid invite: {role} — {unit}."),
    "ask_full_name": L("Họ và tên của bạn?", "Your full name?"),
    "privacy": L(
        "Thông báo về dữ liệu cá nhân:\n"
        "• Lưu: họ tên, đơn vị, vai trò, tài khoản trò chuyện này và những gì bạn ghi nhận.\n"
        "• Mục đích: theo dõi, đánh giá phong trào thi đua bảo vệ ANTT ở cơ sở.\n"
        "• Ai xem: Tổ trưởng, Công an xã và quản trị viên của đơn vị bạn. Thông tin người "
        "cung cấp nguồn tin được mã hóa, chỉ Công an xã xem khi cần.\n"
        "Bạn có đồng ý không? Nếu không đồng ý, không có gì được lưu.",
        "About your personal data:\n"
        "• Stored: your name, unit, role, this chat account and what you log.\n"
        "• Why: to follow and assess the grassroots security emulation campaign.\n"
        "• Who sees it: your team leader, commune police and your unit's administrators. "
        "Informants' details are encrypted and seen only by commune police when needed.\n"
        "Do you agree? If you do not, nothing is stored.",
    ),
    "namesake_label": L("Người trong danh sách", "Person on the roster"),
    "namesake_one": L(
        "Trong danh sách của {unit} đã có {name} ({role}), chưa đăng ký. Bạn có phải là "
        "người này không?\n• Có: tài khoản của bạn là người đó trong danh sách.\n"
        "• Không: bạn được đăng ký là một người mới, trùng tên.",
        "The roster of {unit} already has {name} ({role}), not yet registered. Is that you?\n"
        "• Yes: your account is that person on the roster.\n"
        "• No: you are registered as someone new with the same name.",
    ),
    "namesake_many": L(
        "Trong danh sách của {unit} có {count} người ({role}) cùng tên này, chưa đăng ký. "
        "Bạn là ai trong số này?",
        "The roster of {unit} has {count} people ({role}) of this name, not yet registered. "
        "Which one are you?",
    ),
    "namesake_none": L("Không phải ai trong số này", "None of them"),
    "namesake_gone": L(
        "Người đó vừa được đăng ký bằng một tài khoản khác; chưa đăng ký gì cho bạn. Hãy báo "
        "Công an xã, hoặc gõ /start cùng mã để đăng ký lại.",
        "That person has just been registered by another account; nothing was registered for "
        "you. Tell the commune police, or type /start with the code to register again.",
    ),
    "yes": L("Có", "Yes"),
    "no": L("Không", "No"),
    "privacy_accept": L("Đồng ý", "I agree"),
    "privacy_refuse": L("Không đồng ý", "I do not agree"),
    "privacy_refused": L(
        "Bạn đã không đồng ý nên chưa đăng ký; không có gì được lưu. Mã mời vẫn dùng được "
        "nếu bạn đổi ý: gõ /start cùng mã.",
        "You did not agree, so you are not registered and nothing was stored. The invite "
        "still works if you change your mind: type /start with the code.",
    ),
    "linked": L(
        "✅ Đã liên kết kênh này với tài khoản {name} — {role}, {unit}.",
        "✅ This channel is now linked to {name} — {role}, {unit}.",
    ),
    "link_code": L(
        "Mã liên kết của bạn: {code}\nTrên kênh khác (Zalo, Telegram hoặc trang web), gõ mã này "
        "trong 15 phút để dùng chung tài khoản. Mã chỉ dùng một lần.",
        "Your link code: {code}\nIn another channel (Zalo, Telegram or the web page), type it "
        "within 15 minutes to use the same account there. It works once.",
    ),
    "link_refused": L(
        "Không tạo được mã liên kết: vai trò của bạn không thuộc cấp đơn vị của bạn. "
        "Hãy báo Công an xã để sửa.",
        "No link code: your role does not belong to your unit's level. Ask the commune police "
        "to correct it.",
    ),
    "registered": L(
        "✅ Đăng ký thành công! {name} — {role}, {unit}.",
        "✅ Registered! {name} — {role}, {unit}.",
    ),
    # Entry flows
    "flow_start": L("Ghi nhận: {area}.", "New entry: {area}."),
    "skip": L("Bỏ qua", "Skip"),
    "now": L("Bây giờ", "Now"),
    "done_picking": L("✔ Xong", "✔ Done"),
    "nobody_picked": L("(không có ai)", "(nobody)"),
    "picked_so_far": L("Đã chọn: {names}.", "Picked so far: {names}."),
    "no_teammates": L(
        "Tổ của bạn chưa có thành viên nào khác trong hệ thống; bỏ qua bước này.",
        "Your team has no other members in the system yet; skipping this step.",
    ),
    "share_location": L("📍 Gửi vị trí của tôi", "📍 Share my location"),
    "location_value": L("Vị trí {lat:.5f}, {lon:.5f}", "Location {lat:.5f}, {lon:.5f}"),
    "photo_attached": L("đã đính kèm", "attached"),
    "photos_attached": L("đã đính kèm {count} ảnh", "{count} photos attached"),
    "sealed_value": L("(đã ghi, được bảo mật)", "(recorded, kept confidential)"),
    "summary": L("Kiểm tra lại trước khi lưu:", "Please check before saving:"),
    "confirm_save": L("✅ Lưu", "✅ Save"),
    "confirm_back": L("✏️ Sửa bước trước", "✏️ Change last answer"),
    "confirm_cancel": L("✖ Hủy", "✖ Cancel"),
    "saved": L(
        "Đã lưu ✅ Mã tham chiếu: {reference}. Chỉ huy sẽ xem xét.",
        "Saved ✅ Reference: {reference}. A commander will review it.",
    ),
    "saved_urgent": L(
        "Tin khẩn đã được chuyển ngay cho Công an xã. Nếu có nguy hiểm đến tính mạng, gọi 113.",
        "The urgent tip was forwarded to the commune police at once. If lives are in danger, "
        "call 113.",
    ),
    "saved_urgent_nobody": L(
        "Chưa có cán bộ Công an xã nào nhận tin qua hệ thống. Hãy gọi điện trực tiếp cho "
        "Công an xã; nếu có nguy hiểm đến tính mạng, gọi 113.",
        "No commune police officer receives tips through the system yet. Phone the commune "
        "police directly; if lives are in danger, call 113.",
    ),
    "urgent_notice": L(
        "🚨 TIN KHẨN {reference} từ {member} ({unit}):\n{details}",
        "🚨 URGENT TIP {reference} from {member} ({unit}):\n{details}",
    ),
    "teammate_notice": L(
        "Bạn được {member} ghi nhận cùng tham gia {area} (xảy ra: {when}), mã {reference}.",
        "{member} credited you on {area} (happened: {when}), reference {reference}.",
    ),
    "teammate_removed_notice": L(
        "{member} đã bỏ tên bạn khỏi {area} (xảy ra: {when}), mã {reference}: mục này không còn "
        "được tính cho bạn.",
        "{member} took your name off {area} (happened: {when}), reference {reference}: it no "
        "longer counts for you.",
    ),
    # Validation
    "bad_empty": L("Câu trả lời đang trống. {prompt}", "The answer is empty. {prompt}"),
    "bad_too_long": L(
        "Câu trả lời dài {length} ký tự, tối đa là {limit}. Hãy viết ngắn gọn hơn.",
        "The answer is {length} characters long; the limit is {limit}. Please shorten it.",
    ),
    "bad_choice": L(
        'Không có lựa chọn "{answer}". Hãy chọn một mục (hoặc gõ số từ 1 đến {count}).',
        'There is no choice "{answer}". Choose one of the items (or type 1 to {count}).',
    ),
    "bad_choice_many": L(
        'Có nhiều lựa chọn khớp với "{answer}":\n{options}\nHãy gõ số của lựa chọn bạn muốn.',
        'Several choices match "{answer}":\n{options}\nType the number of the one you mean.',
    ),
    # A typed part that names an option acting at once and for good (a tip closed): asked again.
    "bad_choice_sure": L(
        '"{answer}" khớp với:\n{options}\nĐể chắc chắn, hãy gõ số hoặc cả tên của lựa chọn bạn '
        "muốn.",
        '"{answer}" matches:\n{options}\nTo be sure, type the number or the whole label of the '
        "one you mean.",
    ),
    "bad_number": L(
        "Hãy gõ một số nguyên từ {minimum} đến {maximum}.",
        "Please type a whole number from {minimum} to {maximum}.",
    ),
    "bad_date": L(
        'Không hiểu ngày "{answer}". Gõ theo dạng dd/mm/yyyy, ví dụ 23/11/2026, hoặc "hôm nay".',
        'Could not read the date "{answer}". Use dd/mm/yyyy, e.g. 23/11/2026, or "today".',
    ),
    "bad_time": L(
        'Không hiểu giờ "{answer}". Gõ theo dạng 19:30 hoặc 19h30.',
        'Could not read the time "{answer}". Use 19:30 or 19h30.',
    ),
    "bad_future": L(
        "Thời điểm này ở tương lai. Chỉ ghi nhận việc đã xảy ra.",
        "That moment is in the future. Only log what has already happened.",
    ),
    "bad_too_old": L(
        "Ngày này đã quá một năm trước, không thể ghi nhận.",
        "That date is more than a year ago and cannot be logged.",
    ),
    "bad_kind_text": L("Bước này cần trả lời bằng chữ.", "This step needs a text answer."),
    "bad_kind_photo_or_none": L(
        "Bước này cần một ảnh, hoặc chọn Không kèm ảnh.",
        "This step needs a photo, or choose No photo.",
    ),
    "bad_kind_photo": L(
        "Bước này cần một ảnh, hoặc chọn Bỏ qua.", "This step needs a photo, or choose Skip."
    ),
    "bad_place": L(
        "Hãy gửi vị trí hoặc gõ địa chỉ (ít nhất 3 ký tự).",
        "Share a location or type an address (at least 3 characters).",
    ),
    "bad_teammate": L(
        'Không tìm thấy "{answer}" trong danh sách tổ. Gõ số thứ tự (ví dụ 1,3) hoặc tên.',
        '"{answer}" is not in the team list. Type list numbers (e.g. 1,3) or names.',
    ),
    "bad_teammate_many": L(
        '"{answer}" khớp với nhiều người trong tổ:\n{options}\nHãy gõ số thứ tự của người bạn muốn.',
        '"{answer}" fits several people in the team:\n{options}\nType the list number you mean.',
    ),
    "patrol_too_long": L(
        "Một ca tuần tra không thể dài quá 12 giờ. Hãy kiểm tra giờ bắt đầu và kết thúc.",
        "A patrol cannot last more than 12 hours. Check the start and end times.",
    ),
    "patrol_same_times": L(
        "Giờ kết thúc trùng giờ bắt đầu. Hãy gõ giờ kết thúc ca tuần tra.",
        "The end time equals the start time. Please type when the patrol ended.",
    ),
    "bad_name": L(
        "Họ và tên cần có chữ cái, từ 2 đến 120 ký tự, ví dụ Nguyễn Văn An.",
        "A full name needs letters, 2 to 120 characters, e.g. Nguyễn Văn An.",
    ),
    "abandoned": L(
        "Mục đang ghi dở đã được hủy (chưa lưu).",
        "The entry you were filling in was dropped (not saved).",
    ),
    "credited": L("được ghi cùng", "credited"),
    "bad_choice_tap": L(
        "Hãy chọn một mục (hoặc gõ số từ 1 đến {count}).",
        "Choose one of the items (or type 1 to {count}).",
    ),
    "patrol_in_future": L(
        "Ca tuần tra này kết thúc ở tương lai. Chỉ ghi nhận khi đã tuần tra xong.",
        "This patrol ends in the future. Log it once it is over.",
    ),
    # Review
    "menu_review": L("📝 Duyệt mục chờ ({count})", "📝 Review pending ({count})"),
    "review_header": L("📝 Chờ duyệt: {count} mục.", "📝 Waiting for review: {count}."),
    "review_by": L("Người ghi: {author} ({unit})", "Logged by {author} ({unit})"),
    "entry_happened": L("Xảy ra: {when}", "Happened: {when}"),
    "entry_logged": L("Ghi lúc: {when}", "Logged: {when}"),
    "review_urgent": L("🚨 KHẨN", "🚨 URGENT"),
    "review_was_rejected": L(
        "↩ Đã bị {reviewer} không xác nhận lúc {when}. Lý do: {note}",
        "↩ Rejected before by {reviewer} at {when}. Reason: {note}",
    ),
    "review_was_verified": L(
        "↩ Đã được {reviewer} xác nhận lúc {when}, rồi người ghi sửa lại.",
        "↩ Verified before by {reviewer} at {when}, then changed by its author.",
    ),
    "review_changes": L("Người ghi đã sửa:", "Changed by its author since:"),
    "review_photos_added": L("Đã thêm {count} ảnh", "{count} photo(s) added"),
    "review_photos_removed": L("Đã bỏ {count} ảnh", "{count} photo(s) removed"),
    "review_teammates_changed": L("Người cùng làm: {change}", "Teammates: {change}"),
    "review_nothing_changed": L("(chưa thay đổi gì)", "(nothing changed yet)"),
    "review_duplicate": L(
        "⚠ Có thể trùng với {reference} (cùng người, cùng nội dung, gần cùng thời gian).",
        "⚠ Possibly the same as {reference} (same member, same area, close in time).",
    ),
    "review_verify": L("✅ Xác nhận", "✅ Verify"),
    "review_reject": L("❌ Không xác nhận", "❌ Reject"),
    "review_later": L("⏭ Để sau", "⏭ Later"),
    "review_all": L("✅ Xác nhận cả {count} mục", "✅ Verify all {count}"),
    "review_all_confirm": L(
        "Xác nhận tất cả {count} mục đang chờ? Mỗi người ghi sẽ được báo.",
        "Verify all {count} pending entries? Each member will be told.",
    ),
    "review_all_yes": L("Có, xác nhận tất cả", "Yes, verify them all"),
    "review_all_no": L("Không, xem từng mục", "No, one by one"),
    # A photo shown before a review or tip card (its caption; on Zalo without a public address,
    # the line saying it is attached, followed by where to see it)
    "card_photo": L("📷 Ảnh kèm mục {reference}", "📷 Photo attached to {reference}"),
    "card_photo_of": L(
        "📷 Ảnh {number}/{total} kèm mục {reference}",
        "📷 Photo {number} of {total} attached to {reference}",
    ),
    "review_ask_reason": L(
        "Lý do không xác nhận mục {reference}? (người ghi sẽ đọc được lý do này)",
        "Why is {reference} rejected? (the member will read this reason)",
    ),
    "review_recorded_ok": L("Đã xác nhận {reference}.", "{reference} verified."),
    "review_recorded_no": L("Đã ghi không xác nhận {reference}.", "{reference} rejected."),
    "review_gone": L(
        "Mục {reference} đã được người khác duyệt hoặc không còn chờ.",
        "{reference} was decided by someone else or is no longer pending.",
    ),
    "review_changed_meanwhile": L(
        "Người ghi vừa sửa mục {reference} sau khi bạn mở nó. Hãy xem lại rồi quyết định:",
        "{reference} was changed by its author after you opened it. Look again, then decide:",
    ),
    "review_not_yours": L(
        "Mục {reference} không còn chờ bạn duyệt: đã được người khác duyệt, hoặc bạn có tên "
        "trong mục (người ghi hay người cùng làm không tự duyệt; Tổ phó hoặc Công an xã duyệt).",
        "{reference} is no longer yours to review: someone else decided it, or your name is on "
        "it (whoever logged it or is credited on it never reviews it; the deputy or the commune "
        "police do).",
    ),
    "review_done": L("Không còn mục nào chờ duyệt. 👍", "Nothing is waiting for review. 👍"),
    "review_bulk_done": L("Đã xác nhận {count} mục.", "{count} entries verified."),
    "review_none_for_you": L(
        "Chỉ Tổ trưởng, Tổ phó và cán bộ Công an xã duyệt mục.",
        "Only team leaders, deputies and commune police review entries.",
    ),
    "review_verified": L(
        "✅ Mục {reference} ({area}) đã được xác nhận.",
        "✅ Your entry {reference} ({area}) was verified.",
    ),
    "review_rejected": L(
        "❌ Mục {reference} ({area}) không được xác nhận. Lý do: {reason}\n"
        "Bổ sung ảnh, người cùng làm hay sửa nội dung rồi gửi duyệt lại: /sua {reference}",
        "❌ Your entry {reference} ({area}) was rejected. Reason: {reason}\n"
        "Add photos or teammates or correct it, and it is reviewed again: /edit {reference}",
    ),
    "review_verified_many": L(
        "✅ {count} mục của bạn đã được xác nhận: {references}.",
        "✅ {count} of your entries were verified: {references}.",
    ),
    # Tips
    "menu_tips": L("🔎 Theo dõi nguồn tin", "🔎 Follow up tips"),
    "tips_officers_only": L(
        "Chỉ cán bộ Công an xã theo dõi, xử lý nguồn tin.", "Only commune police follow up tips."
    ),
    "tips_none": L("Không có nguồn tin nào đang chờ xử lý.", "No tip is waiting for follow-up."),
    "tips_progress_received": L("mới tiếp nhận", "received"),
    "tips_progress_verifying": L("đang xác minh", "being verified"),
    "tips_progress_resolved": L("đã giải quyết", "resolved"),
    "tips_progress_unfounded": L("không có cơ sở", "unfounded"),
    "tips_to_verifying": L("🔎 Đang xác minh", "🔎 Verifying"),
    "tips_to_resolved": L("✅ Đã giải quyết", "✅ Resolved"),
    "tips_to_unfounded": L("✖ Không có cơ sở", "✖ Unfounded"),
    "tips_reveal": L("🔓 Xem người cung cấp", "🔓 See the informant"),
    "tips_reveal_reason": L(
        "Vì sao cần xem người cung cấp nguồn tin {reference}? Lý do được ghi vào nhật ký.",
        "Why do you need the informant of {reference}? The reason is logged.",
    ),
    "tips_revealed": L(
        "🔓 Người cung cấp {reference}: {name} — liên hệ: {contact}\n"
        "(Lần xem này đã được ghi nhật ký. Không chia sẻ thông tin này.)",
        "🔓 Informant of {reference}: {name} — contact: {contact}\n"
        "(This view was logged. Do not share it.)",
    ),
    "reveal_undelivered": L(
        "🔒 Thông tin người cung cấp nguồn tin bạn xem lúc nãy chưa gửi được (ứng dụng nhắn tin "
        "không nhận tin lúc đó) và không được lưu lại ở đâu. Hãy mở /nguontin để xem lại.",
        "🔒 The informant you asked to see could not be delivered (the messenger was not taking "
        "messages) and was not stored anywhere. Open /tips to see it again.",
    ),
    "tips_changed": L("{reference}: {progress}.", "{reference}: {progress}."),
    "tips_member_notice": L(
        "🔎 Nguồn tin {reference} của bạn: {progress}.", "🔎 Your tip {reference}: {progress}."
    ),
    # Standings
    "menu_standings": L("🏆 Bảng xếp hạng", "🏆 Standings"),
    "standings_none": L(
        "Chưa có kế hoạch thi đua nào đang chạy cho đơn vị của bạn, nên chưa có bảng xếp hạng.",
        "No emulation plan is running for your unit, so there are no standings yet.",
    ),
    "standings_header": L("🏆 {plan}\n{phase} — {scope}", "🏆 {plan}\n{phase} — {scope}"),
    "standings_whole_plan": L("Cả kế hoạch", "Whole plan"),
    "standings_mine": L(
        "Bạn: hạng {rank}/{total}, {points} điểm ({entries} mục đã xác nhận).",
        "You: rank {rank} of {total}, {points} points ({entries} verified entries).",
    ),
    "standings_members": L("Top thành viên:", "Top members:"),
    "standings_teams": L("Các tổ:", "Teams:"),
    "standings_row": L("{rank}. {name} — {points} điểm", "{rank}. {name} — {points} points"),
    "standings_chart": L("Biểu đồ xếp hạng", "Standings chart"),
    "standings_chart_part": L(
        "Biểu đồ xếp hạng ({part}/{count})", "Standings chart ({part} of {count})"
    ),
    "standings_workbook": L(
        "Bảng tính xếp hạng (mỗi cấp một trang)", "Standings workbook (a sheet per level)"
    ),
    # Zalo only: a leader who never used the web chat learns how to get there
    "file_on_web": L(
        "mở trên trang trò chuyện web để xem và tải về (chưa dùng trang web? gõ /lienket để "
        "lấy mã, rồi gõ mã đó trên trang)",
        "open the web chat to see and download it (never used it? type /link for a code, "
        "then type the code there)",
    ),
    "standings_rule": L(
        "(Xếp theo điểm các mục đã xác nhận; bằng điểm thì theo số mục được xác nhận.)",
        "(By points of verified entries; on equal points, by the number of verified entries.)",
    ),
    # Targets
    "menu_targets": L("🎯 Chỉ tiêu", "🎯 Targets"),
    "targets_none": L(
        "Kế hoạch đang chạy cho đơn vị của bạn không có chỉ tiêu nào (hoặc chưa có kế hoạch).",
        "The plan running for your unit has no targets (or no plan is running).",
    ),
    "targets_header": L("🎯 Chỉ tiêu — {plan}", "🎯 Targets — {plan}"),
    "targets_manual": L("theo dõi thủ công", "followed by hand"),
    "commanders_only": L(
        "Chỉ Tổ trưởng, Tổ phó và cán bộ Công an xã xem mục này.",
        "Only team leaders, deputies and commune police see this.",
    ),
    # My entries
    "mine_empty": L("Bạn chưa ghi nhận mục nào.", "You have not logged anything yet."),
    "mine_header": L(
        "Các mục gần nhất của bạn ({count}), kèm lúc xảy ra:",
        "Your latest entries ({count}), with when each happened:",
    ),
    "mine_month": L("Tháng {month}: {counts}", "Month {month}: {counts}"),
    "mine_month_none": L("Tháng {month}: chưa có mục nào.", "Month {month}: nothing yet."),
    "area_not_in_plan": L(
        "Kế hoạch thi đua đang áp dụng cho đơn vị của bạn không có nội dung {command}. "
        "Chọn một nội dung trong menu.",
        "The plan running over your unit has no {command} area. Choose one from the menu.",
    ),
    "mine_edit_hint": L("Sửa một mục: /sua", "To correct an entry: /edit"),
    # Correcting an entry
    "edit_pick": L("Chọn mục cần sửa:", "Choose the entry to correct:"),
    "edit_nothing": L("Bạn chưa ghi mục nào để sửa.", "You have no entries to correct yet."),
    "edit_not_yours": L(
        "Không tìm thấy mục {reference} trong các mục bạn đã ghi.",
        "{reference} is not among the entries you logged.",
    ),
    "edit_field": L(
        "Mục {reference} ({status}). Chọn nội dung cần sửa:",
        "Entry {reference} ({status}). Choose what to change:",
    ),
    "edit_no_fields": L(
        "Mục {reference} không có nội dung nào sửa được trong trò chuyện "
        "(thông tin bảo mật không sửa ở đây).",
        "Nothing in {reference} can be changed in the chat (sealed answers are not changed here).",
    ),
    "edit_photo_count": L("{count} ảnh", "{count} photo(s)"),
    "edit_photo_how": L(
        "Mục {reference} đang có {count} ảnh. Thêm ảnh mới, hay thay ảnh cũ?",
        "{reference} has {count} photo(s). Add a new one, or replace the old?",
    ),
    "edit_photo_add": L("➕ Thêm ảnh", "➕ Add a photo"),
    "edit_photo_replace": L("🔁 Thay ảnh cũ", "🔁 Replace the old"),
    "edit_photo_send": L("Gửi một ảnh cho mục {reference}.", "Send a photo for {reference}."),
    "edit_photo_needed": L("Bước này cần một ảnh.", "This step needs a photo."),
    "edit_photo_added": L(
        "Sửa mục {reference}:\n• Thêm {added} ảnh (đang có {count} ảnh)",
        "Correct {reference}:\n• Add {added} photo(s) (it has {count})",
    ),
    "edit_photo_replaced": L(
        "Sửa mục {reference}:\n• Thay {count} ảnh cũ bằng {added} ảnh mới",
        "Correct {reference}:\n• Replace {count} old photo(s) with {added} new",
    ),
    "edit_teammates": L(
        "Sửa mục {reference}:\n• {field}: {change}", "Correct {reference}:\n• {field}: {change}"
    ),
    "changed_added": L("thêm {names}", "added {names}"),
    "changed_removed": L("bỏ {names}", "removed {names}"),
    "edit_confirm": L(
        "Sửa mục {reference}:\n• {field}: {old} → {new}",
        "Correct {reference}:\n• {field}: {old} → {new}",
    ),
    "edit_confirm_short": L("Lưu thay đổi này?", "Save this change?"),
    "edit_back_to_review": L(
        "Mục này đã được duyệt; sau khi sửa sẽ chờ duyệt lại và điểm được tính lại khi xác nhận.",
        "This entry was already reviewed; once changed it waits for review again and scores "
        "again when verified.",
    ),
    "edit_saved": L("Đã sửa ✅ {reference}.", "Corrected ✅ {reference}."),
    "edit_saved_review": L(
        "Đã sửa ✅ {reference}. Mục đang chờ duyệt lại.",
        "Corrected ✅ {reference}. It is waiting for review again.",
    ),
    "edit_unchanged": L("Không sửa gì.", "Nothing was changed."),
    "desk_closed_plain": L("Đã đóng.", "Closed."),
    # Year-end grading
    "menu_grading": L("🎖 Xếp loại cuối năm", "🎖 Year-end grades"),
    "grading_officers_only": L(
        "Chỉ cán bộ Công an xã xác nhận xếp loại.", "Only commune police confirm grades."
    ),
    "grading_no_guide": L(
        "Chưa nạp hướng dẫn xếp loại (antt-bot plan load plans/2026-huong-dan-01-hd-bca-v05.yaml) "
        "hoặc bạn chưa thuộc một xã.",
        "No grading guide is loaded (antt-bot plan load plans/2026-huong-dan-01-hd-bca-v05.yaml) "
        "or you do not belong to a commune.",
    ),
    "grading_title": L(
        "🎖 Xếp loại {commune}, năm đánh giá {start} – {end}",
        "🎖 Grades for {commune}, assessment year {start} – {end}",
    ),
    "grading_summary": L(
        "Tổng hợp: {summary}; chưa xếp loại: {ungraded}.",
        "Summary: {summary}; not graded: {ungraded}.",
    ),
    "grading_teams": L("Các tổ (nhiệm vụ hoàn thành):", "Teams (tasks done):"),
    "grading_members": L(
        "Thành viên (số tháng có hoạt động đã xác nhận):", "Members (months with verified work):"
    ),
    "grading_state_open": L(
        "Đây là đề xuất theo hướng dẫn; hãy xác nhận hoặc sửa từng mục có lý do.",
        "These are proposals by the guide; confirm them or change one with a reason.",
    ),
    "grading_state_confirmed": L("Đã xác nhận.", "Confirmed."),
    "grading_confirm": L("✅ Xác nhận tất cả", "✅ Confirm all"),
    "grading_change": L("✏️ Sửa một mục", "✏️ Change one"),
    "grading_fresh": L("🔄 Tính lại", "🔄 Recompute"),
    "grading_export": L("📊 Tải bảng Excel", "📊 Download the workbook"),
    "grading_back": L("⬅ Quay lại danh sách", "⬅ Back to the list"),
    "grading_workbook": L("Bảng xếp loại (Excel)", "Grades workbook (Excel)"),
    "grading_which": L(
        "Gõ số thứ tự của tổ hoặc thành viên cần sửa (1–{count}).",
        "Type the number of the team or member to change (1–{count}).",
    ),
    "grading_no_such": L(
        "Không có số đó. Gõ một số từ 1 đến {count}.", "No such number. Type 1 to {count}."
    ),
    "grading_not_graded": L(
        "Mục này không được xếp loại (hoạt động dưới {months} tháng).",
        "This one is not graded (active under {months} months).",
    ),
    "grading_pick": L(
        "{name} — hiện tại: {grade}. Chọn mức xếp loại:",
        "{name} — now: {grade}. Choose the grade:",
    ),
    "grading_ask_reason": L(
        "Lý do thay đổi? (bắt buộc, được ghi vào nhật ký)",
        "Why the change? (required; it is kept in the audit log)",
    ),
    "grading_changed": L("Đã sửa: {name} — {grade}.", "Changed: {name} — {grade}."),
    "grading_not_changed": L(
        "Không sửa được mục này (không thuộc xã của bạn hoặc không được xếp loại).",
        "This one could not be changed (not your commune's, or not graded).",
    ),
    "grading_confirmed": L("Đã xác nhận {count} mục.", "{count} grades confirmed."),
    "grading_was": L("đề xuất: {grade}", "proposed: {grade}"),
    "grade_note_under_months": L(
        "chưa xếp loại: hoạt động dưới {months} tháng", "not graded: active under {months} months"
    ),
    "grade_note_top_share": L("giới hạn {share} xuất sắc", "limited: at most {share} excellent"),
    "grade_note_leader_team": L(
        "Tổ trưởng không cao hơn Tổ", "a team leader is not graded above the team"
    ),
    # Deliverables (/danop)
    "deliverable_commanders_only": L(
        "Việc nộp báo cáo do Tổ trưởng, Tổ phó hoặc cán bộ Công an xã đánh dấu.",
        "Submissions are marked by team leaders, deputies or commune police.",
    ),
    "deliverable_none": L(
        "Đơn vị bạn không có hạn nộp nào đang mở.", "Your unit has no open deadline."
    ),
    "deliverable_pick": L("Đánh dấu đã nộp:", "Mark as submitted:"),
    "deliverable_file": L(
        "Gửi ảnh báo cáo đã nộp ({deliverable}), hoặc chọn Không kèm ảnh.",
        "Send a photo of what you submitted ({deliverable}), or choose No photo.",
    ),
    "deliverable_no_file": L("Không kèm ảnh", "No photo"),
    "deliverable_done": L(
        "Đã ghi nhận ✅ {title} (hạn {due}). Sẽ không nhắc đơn vị bạn về việc này nữa.",
        "Recorded ✅ {title} (due {due}). Your unit will not be reminded of it again.",
    ),
    "deliverable_already": L(
        "Đơn vị bạn đã báo nộp {title} (hạn {due}) trước đó.",
        "Your unit had already reported {title} (due {due}).",
    ),
    # Weekly board
    "board_header": L(
        "🏆 Bảng xếp hạng tuần — {plan}\n{phase} — {scope}\n(▲ lên, ▼ xuống, = giữ hạng so với tuần trước)",
        "🏆 Weekly standings — {plan}\n{phase} — {scope}\n(▲ up, ▼ down, = same as last week)",
    ),
    "board_new": L("mới", "new"),
    "board_team_header": L(
        "🏆 Bảng xếp hạng tuần: {count} thành viên tổ bạn trong {total} thành viên của xã",
        "🏆 Weekly standings: {count} members of your team among the commune's {total}",
    ),
    "board_member": L(
        "🏆 Bạn đang xếp hạng {rank}/{total} trong xã với {points} điểm ({phase}). Cảm ơn bạn "
        "đã góp sức giữ bình yên thôn xóm! 💪",
        "🏆 You rank {rank}/{total} in the commune with {points} points ({phase}). Thank you "
        "for keeping the neighbourhood safe! 💪",
    ),
    "board_nudge": L(
        "👋 Tuần qua bạn chưa ghi nhận việc nào (hạng {rank}/{total}, {points} điểm). Một buổi "
        "tuần tra hay một việc tốt cũng đáng ghi lại: /tuantra, /viectot.\n"
        "Không muốn nhận lời nhắc này: /nhacnho tat",
        "👋 You logged nothing last week (rank {rank}/{total}, {points} points). A patrol or a "
        "good deed is worth logging: /patrol, /gooddeed.\nTo stop these reminders: /nudges off",
    ),
    "nudges_usage": L(
        "Gõ /nhacnho tat để tắt, /nhacnho bat để bật lời nhắc hằng tuần.",
        "Type /nudges off to stop, /nudges on to get the weekly reminder.",
    ),
    "nudges_off": L("Đã tắt lời nhắc hằng tuần.", "Weekly reminders are off."),
    "nudges_on": L("Đã bật lời nhắc hằng tuần.", "Weekly reminders are on."),
    "grading_ready": L(
        "🎖 Năm đánh giá {start} – {end} đã kết thúc: đã có đề xuất xếp loại cho {count} tổ và "
        "thành viên của xã. Gõ /xeploai để xem, sửa (có lý do) và xác nhận.",
        "🎖 The assessment year {start} – {end} is over: grades are proposed for {count} teams "
        "and members of the commune. Type /grading to see, change (with a reason) and confirm.",
    ),
    # Scheduled messages
    "deadline_soon": L(
        "⏰ Còn {days} ngày đến hạn {due}: {title}\nCần nộp: {deliverable}\n({plan})\n"
        "Khi đã nộp, gõ /danop để đánh dấu.",
        "⏰ {days} days until {due}: {title}\nDue: {deliverable}\n({plan})\n"
        "Once submitted, type /submitted to mark it done.",
    ),
    "deadline_tomorrow": L(
        "⏰ Còn 1 ngày đến hạn {due}: {title}\nCần nộp: {deliverable}\n({plan})\n"
        "Khi đã nộp, gõ /danop để đánh dấu.",
        "⏰ Due tomorrow ({due}): {title}\nDue: {deliverable}\n({plan})\n"
        "Once submitted, type /submitted to mark it done.",
    ),
    "deadline_today": L(
        "⏰ Hôm nay ({due}) là hạn: {title}\nCần nộp: {deliverable}\n({plan})\n"
        "Khi đã nộp, gõ /danop để đánh dấu.",
        "⏰ Today ({due}) is the deadline: {title}\nDue: {deliverable}\n({plan})\n"
        "Once submitted, type /submitted to mark it done.",
    ),
    "deadline_late": L(
        "⚠️ Hạn {due} — {title}: {count} đơn vị chưa báo cáo:\n{units}",
        "⚠️ Deadline {due} — {title}: not reported yet ({count}):\n{units}",
    ),
    "phase_area": L(
        "• {name}: {points} điểm mỗi mục được xác nhận",
        "• {name}: {points} points per verified entry",
    ),
    "phase_started": L(
        "📣 {plan}\nBắt đầu {phase} ({starts} – {ends}).\nChủ đề: {theme}\nNội dung tính điểm:\n"
        "{counts}",
        "📣 {plan}\n{phase} starts ({starts} – {ends}).\nTheme: {theme}\nWhat counts:\n{counts}",
    ),
    "phase_ending": L(
        "📣 {plan}\n{phase} kết thúc hôm nay ({ends}). Hãy ghi nhận các việc đã làm trước khi "
        "hết ngày.",
        "📣 {plan}\n{phase} ends today ({ends}). Log what you did before the day is over.",
    ),
    # Broadcasts (/thongbao)
    "menu_broadcast": L("📢 Gửi thông báo", "📢 Send an announcement"),
    "broadcast_not_allowed": L(
        "Chỉ cán bộ Công an xã và quản trị viên gửi được thông báo.",
        "Only commune police and admins can send announcements.",
    ),
    "broadcast_running": L(
        "📢 Thông báo #{number} đang gửi: đã gửi {sent}, không gửi được {failed}, còn {left} "
        "/ {total}.",
        "📢 Announcement #{number} is being sent: {sent} sent, {failed} failed, {left} left "
        "of {total}.",
    ),
    "broadcast_audience": L(
        "Gửi thông báo tới ai trong {unit}?", "Who in {unit} should get the announcement?"
    ),
    "broadcast_to_all": L("Tất cả", "Everyone"),
    "broadcast_to_member": L("Tổ viên", "Team members"),
    "broadcast_to_leader": L("Tổ trưởng, tổ phó", "Team leaders and deputies"),
    "broadcast_to_officer": L("Cán bộ Công an xã", "Commune police"),
    "broadcast_text": L(
        "Nhập nội dung thông báo (tối đa {limit} ký tự):",
        "Type the announcement (at most {limit} characters):",
    ),
    "broadcast_image": L(
        "Gửi một ảnh kèm thông báo, hoặc chọn Không kèm ảnh.",
        "Send a photo to go with it, or choose No photo.",
    ),
    "broadcast_preview": L(
        "Người nhận sẽ thấy như trên. Sẽ gửi tới {total} người — {audience} ({channels})."
        "{unreached}\nGửi ngay?",
        "This is what they will see. It goes to {total} — {audience} ({channels}).{unreached}\n"
        "Send it now?",
    ),
    "broadcast_unreached": L(
        " {count} người chưa dùng kênh nào của bot nên sẽ không nhận được.",
        " Not on any channel of the bot yet, so left out: {count}.",
    ),
    "broadcast_nobody": L(
        "Không có ai trong nhóm này nhận được tin nhắn của bot. Hãy chọn nhóm khác.",
        "Nobody in this group can be reached by the bot. Choose another group.",
    ),
    "broadcast_send": L("📤 Gửi", "📤 Send"),
    "broadcast_rewrite": L("✏️ Viết lại", "✏️ Rewrite"),
    "broadcast_cancel": L("Hủy", "Cancel"),
    "broadcast_cancelled": L(
        "Đã hủy thông báo đang soạn; thông báo này không được gửi.",
        "The announcement you were writing is cancelled; it was not sent.",
    ),
    "broadcast_stop": L("⏹ Dừng thông báo #{number}", "⏹ Stop announcement #{number}"),
    "broadcast_stop_confirm": L(
        "Dừng thông báo #{number}? Những người chưa nhận sẽ không nhận nữa (vài tin đang trên "
        "đường gửi vẫn tới).",
        "Stop announcement #{number}? Whoever has not got it yet will not (the few already on "
        "their way still arrive).",
    ),
    "broadcast_stop_yes": L("⏹ Dừng", "⏹ Stop"),
    "broadcast_stop_no": L("Không, gửi tiếp", "No, keep sending"),
    "broadcast_stopped": L(
        "⏹ Đã dừng thông báo #{number}: {sent} người đã nhận; {left} người sẽ không nhận.",
        "⏹ Announcement #{number} is stopped: {sent} got it; {left} will not.",
    ),
    "broadcast_stop_kept": L(
        "Không dừng: thông báo #{number} vẫn đang gửi.",
        "Not stopped: announcement #{number} is still being sent.",
    ),
    "broadcast_stop_too_late": L(
        "Thông báo #{number} đã gửi xong hoặc đã dừng trước đó.",
        "Announcement #{number} had already finished or been stopped.",
    ),
    "broadcast_abandoned": L(
        "Thông báo đang soạn đã bị bỏ (chưa gửi).",
        "The announcement you were writing was dropped (not sent).",
    ),
    "broadcast_text_first": L(
        "Hãy nhập nội dung trước (hoặc gửi ảnh kèm chú thích là nội dung); ảnh chọn ở bước sau.",
        "Type the text first (or send the photo with the text as its caption); the photo comes "
        "next.",
    ),
    "broadcast_started": L(
        "Đang gửi thông báo #{number} tới {total} người. Bạn sẽ được báo tiến độ trong lúc gửi "
        "và nhận báo cáo khi gửi xong.",
        "Sending announcement #{number} (recipients: {total}). You will be told its progress as it "
        "goes and get a report when it is done.",
    ),
    "broadcast_header": L("📢 Thông báo của {unit}:", "📢 Announcement from {unit}:"),
    "broadcast_progress": L(
        "📢 Thông báo #{number}: đã gửi {sent}, không gửi được {failed}, còn {left} / {total}.",
        "📢 Announcement #{number}: {sent} sent, {failed} failed, {left} left of {total}.",
    ),
    "broadcast_report": L(
        "📢 Thông báo #{number} đã gửi xong: {sent}/{total} người đã nhận, {failed} không gửi "
        "được (đã chặn bot hoặc lỗi); {unreached} người chưa dùng kênh nào của bot.",
        "📢 Announcement #{number} is done: {sent} of {total} got it, {failed} could not be "
        "reached (blocked the bot, or errors); {unreached} use no channel of the bot yet.",
    ),
    "channel_telegram": L("Telegram", "Telegram"),
    "channel_zalo": L("Zalo", "Zalo"),
    "channel_web": L("web chat", "web chat"),
    "status_pending": L("chờ duyệt", "pending"),
    "status_verified": L("đã xác nhận", "verified"),
    "status_rejected": L("không được xác nhận", "rejected"),
}


def text(key: str, lang: Language, **values: Any) -> str:
    template = TEXTS[key].get(lang)
    return template.format(**values) if values else template
