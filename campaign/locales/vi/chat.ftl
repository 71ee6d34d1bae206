## Commands and navigation

welcome_member = Xin chào { $name } ({ $role }, { $unit }). Bạn muốn ghi nhận gì?
menu = Chọn một mục:
menu_other = Chọn nội dung thi đua:
menu_area =
    { $area ->
        [tip] 🚨 Báo nguồn tin
        [patrol] 🚶 Tuần tra
       *[good_deed] 🤝 Việc tốt
    }
menu_other_areas = 📋 Nội dung khác
menu_mine = 🗂 Mục tôi đã ghi
menu_help = ❓ Trợ giúp
menu_back = ⬅ Về menu chính
help = antt-bot giúp thành viên Tổ bảo vệ ANTT ở cơ sở ghi nhận nguồn tin, tuần tra, việc tốt và các nội dung thi đua khác; chỉ huy xem xét và chấm điểm.
help_commands = Các lệnh:
help_after_registering = Sau khi đăng ký:
help_choices = Ở bước có lựa chọn, bạn có thể bấm nút, gõ số thứ tự hoặc gõ tên lựa chọn.
command_start = bắt đầu, đăng ký bằng mã mời
command_menu = menu chính
command_tip = báo nguồn tin
command_patrol = ghi nhận tuần tra
command_good_deed = ghi nhận việc tốt
command_review = duyệt mục chờ
command_tips = theo dõi, xử lý nguồn tin
command_grading = xếp loại cuối năm
command_targets = tiến độ chỉ tiêu
command_deliverable = gửi hồ sơ, báo cáo theo hạn nộp của kế hoạch (rút lại được đến hạn)
command_broadcast = gửi thông báo tới các đơn vị trực thuộc
command_mine = các mục tôi đã ghi
command_edit = sửa một mục đã ghi
command_standings = bảng xếp hạng
command_link = mã liên kết để dùng thêm kênh khác
command_nudges = tắt, bật lời nhắc hằng tuần
command_back = quay lại bước trước
command_cancel = hủy thao tác đang làm
command_lang = đổi ngôn ngữ
command_help = trợ giúp
hint_code = [MÃ]
hint_text = [NỘI DUNG]
hint_on_off = tat|bat
hint_language = { $languages }
unknown_command = Không có lệnh { $command }. Gõ /help để xem các lệnh.
cancelled = Đã hủy. Không có gì được lưu.
desk_closed = Đã đóng. Các quyết định đã ghi vẫn được giữ.
nothing_to_cancel = Không có thao tác nào đang làm.
nothing_to_go_back = Đây là bước đầu tiên.
nothing_in_progress = Không có thao tác nào đang làm để quay lại.
expired = Thao tác trước đã bị hủy vì bạn không trả lời trong { $minutes } phút. Không có gì được lưu hay gửi đi.
stale_choice = Nút này thuộc một câu hỏi cũ và không còn dùng được.
unsupported = Bot chỉ đọc được chữ và ảnh (và vị trí, nếu ứng dụng cho phép gửi); tin nhắn vừa rồi (nhãn dán, tin thoại, tệp...) chưa được xử lý.
photo_as_file = Ảnh gửi dạng tệp (như HEIC của iPhone) chưa đọc được. Hãy gửi lại như một ảnh thường (chọn Ảnh, không chọn Tệp), hoặc chụp màn hình ảnh đó rồi gửi.
photo_failed = Không tải được ảnh vừa gửi. Hãy gửi lại ảnh (hoặc chọn Bỏ qua).
edited = Bot không đọc lại tin nhắn đã sửa. Nếu cần đổi câu trả lời, gõ /quaylai rồi trả lời lại.
private_only = Bot chỉ làm việc trong trò chuyện riêng, không trong nhóm: hãy nhắn riêng cho bot.
lang_set = Đã chuyển sang tiếng Việt.
lang_usage = Dùng: { $choices }
lang_or = {" "}hoặc{" "}
flow_hint = (Gõ /quaylai để quay lại bước trước, /huy để hủy.)
error_retry = Xin lỗi, hệ thống đang gặp sự cố nên chưa lưu được. Vui lòng gửi lại sau ít phút.

## Registration

need_registration = Bạn chưa đăng ký. Hãy gõ mã mời 8 ký tự do Tổ trưởng hoặc Công an xã cấp (ví dụ /start ABCD2345). Gõ /help để xem hướng dẫn.
ask_invite = Nhập mã mời 8 ký tự của bạn:

# Unknown, used and expired codes get the same answer: a guesser learns nothing from it.
invite_unknown = Mã mời { $code } không đúng, đã được dùng hoặc đã hết hạn. Kiểm tra lại (mã gồm 8 ký tự, không có số 0, 1 và chữ O, I) hoặc xin mã mới từ Tổ trưởng / Công an xã.
invite_wait = Bạn đã nhập sai mã mời nhiều lần. Vui lòng thử lại sau { $minutes } phút.
invite_misplaced = Mã mời { $code } không dùng được: vai trò { $role } không thuộc đơn vị { $unit }. Hãy xin mã mới từ Công an xã.
already_registered = Bạn đã đăng ký: { $name }, { $role }, { $unit }.
invite_found = Mã mời hợp lệ: { $role } — { $unit }.
ask_full_name = Họ và tên của bạn?
privacy =
    Thông báo về dữ liệu cá nhân:
    • Lưu: họ tên, đơn vị, vai trò, tài khoản trò chuyện này và những gì bạn ghi nhận.
    • Mục đích: theo dõi, đánh giá phong trào thi đua bảo vệ ANTT ở cơ sở.
    • Ai xem: Tổ trưởng, Công an xã và quản trị viên của đơn vị bạn. Thông tin người cung cấp nguồn tin được mã hóa, chỉ Công an xã xem khi cần.
    Bạn có đồng ý không? Nếu không đồng ý, không có gì được lưu.
namesake_label = Người trong danh sách
namesake_one =
    Trong danh sách của { $unit } đã có { $name } ({ $role }), chưa đăng ký. Bạn có phải là người này không?
    • Có: tài khoản của bạn là người đó trong danh sách.
    • Không: bạn được đăng ký là một người mới, trùng tên.
namesake_many = Trong danh sách của { $unit } có { $count } người ({ $role }) cùng tên này, chưa đăng ký. Bạn là ai trong số này?
namesake_none = Không phải ai trong số này
namesake_gone = Người đó vừa được đăng ký bằng một tài khoản khác; chưa đăng ký gì cho bạn. Hãy báo Công an xã, hoặc gõ /start cùng mã để đăng ký lại.
yes = Có
no = Không
privacy_accept = Đồng ý
privacy_refuse = Không đồng ý
privacy_refused = Bạn đã không đồng ý nên chưa đăng ký; không có gì được lưu. Mã mời vẫn dùng được nếu bạn đổi ý: gõ /start cùng mã.
linked = ✅ Đã liên kết kênh này với tài khoản { $name } — { $role }, { $unit }.
link_code =
    Mã liên kết của bạn: { $code }
    Trên kênh khác (Zalo, Telegram hoặc trang web), gõ mã này trong 15 phút để dùng chung tài khoản. Mã chỉ dùng một lần.
link_refused = Không tạo được mã liên kết: vai trò của bạn không thuộc cấp đơn vị của bạn. Hãy báo Công an xã để sửa.
registered = ✅ Đăng ký thành công! { $name } — { $role }, { $unit }.

## Entry flows

flow_start = Ghi nhận: { $area }.
skip = Bỏ qua
now = Bây giờ
done_picking = ✔ Xong
nobody_picked = (không có ai)
picked_so_far = Đã chọn: { $names }.
share_location = 📍 Gửi vị trí của tôi
location_value = Vị trí { $lat }, { $lon }
photo_attached = đã đính kèm
photos_attached = đã đính kèm { $count } ảnh
sealed_value = (đã ghi, được bảo mật)
summary = Kiểm tra lại trước khi lưu:
confirm_save = ✅ Lưu
confirm_back = ✏️ Sửa bước trước
confirm_cancel = ✖ Hủy
saved = Đã lưu ✅ Mã tham chiếu: { $reference }. Chỉ huy sẽ xem xét.
saved_urgent = Tin khẩn đã được chuyển ngay cho Công an xã. Nếu có nguy hiểm đến tính mạng, gọi 113.
saved_urgent_nobody = Chưa có cán bộ Công an xã nào nhận tin qua hệ thống. Hãy gọi điện trực tiếp cho Công an xã; nếu có nguy hiểm đến tính mạng, gọi 113.
urgent_notice =
    🚨 TIN KHẨN { $reference } từ { $member } ({ $unit }):
    { $details }
teammate_notice = Bạn được { $member } ghi nhận cùng tham gia { $area } (xảy ra: { $when }), mã { $reference }.
teammate_removed_notice = { $member } đã bỏ tên bạn khỏi { $area } (xảy ra: { $when }), mã { $reference }: mục này không còn được tính cho bạn.

## Validation

bad_empty = Câu trả lời đang trống. { $prompt }
bad_too_long = Câu trả lời dài { $length } ký tự, tối đa là { $limit }. Hãy viết ngắn gọn hơn.
bad_choice = Không có lựa chọn "{ $answer }". Hãy chọn một mục (hoặc gõ số từ 1 đến { $count }).
bad_choice_many =
    Có nhiều lựa chọn khớp với "{ $answer }":
    { $options }
    Hãy gõ số của lựa chọn bạn muốn.

# A typed part that names an option acting at once and for good (a tip closed): asked again.
bad_choice_sure =
    "{ $answer }" khớp với:
    { $options }
    Để chắc chắn, hãy gõ số hoặc cả tên của lựa chọn bạn muốn.
bad_number = Hãy gõ một số nguyên từ { $minimum } đến { $maximum }.
bad_date = Không hiểu ngày "{ $answer }". Gõ theo dạng dd/mm/yyyy, ví dụ 23/11/2026, hoặc "hôm nay".
bad_time = Không hiểu giờ "{ $answer }". Gõ theo dạng 19:30 hoặc 19h30.
bad_future = Thời điểm này ở tương lai. Chỉ ghi nhận việc đã xảy ra.
bad_too_old = Ngày này đã quá một năm trước, không thể ghi nhận.
bad_kind_text = Bước này cần trả lời bằng chữ.
bad_kind_photo_or_none = Bước này cần một ảnh, hoặc chọn Không kèm ảnh.
bad_kind_photo = Bước này cần một ảnh, hoặc chọn Bỏ qua.
bad_place = Hãy gửi vị trí hoặc gõ địa chỉ (ít nhất 3 ký tự).
bad_teammate = Không tìm thấy "{ $answer }" trong danh sách tổ. Gõ số thứ tự (ví dụ 1,3) hoặc tên.
bad_teammate_many =
    "{ $answer }" khớp với nhiều người trong tổ:
    { $options }
    Hãy gõ số thứ tự của người bạn muốn.
patrol_too_long = Một ca tuần tra không thể dài quá 12 giờ. Hãy kiểm tra giờ bắt đầu và kết thúc.
patrol_same_times = Giờ kết thúc trùng giờ bắt đầu. Hãy gõ giờ kết thúc ca tuần tra.
bad_name = Họ và tên cần có chữ cái, từ 2 đến 120 ký tự, ví dụ Nguyễn Văn An.
abandoned = Mục đang ghi dở đã được hủy (chưa lưu).
credited = được ghi cùng
bad_choice_tap = Hãy chọn một mục (hoặc gõ số từ 1 đến { $count }).
patrol_in_future = Ca tuần tra này kết thúc ở tương lai. Chỉ ghi nhận khi đã tuần tra xong.

## Review

menu_review = 📝 Duyệt mục chờ ({ $count })
review_header = 📝 Chờ duyệt: { $count } mục.
review_by = Người ghi: { $author } ({ $unit })
entry_happened = Xảy ra: { $when }
entry_logged = Ghi lúc: { $when }
review_urgent = 🚨 KHẨN
review_was_rejected = ↩ Đã bị { $reviewer } không xác nhận lúc { $when }. Lý do: { $note }
review_was_verified = ↩ Đã được { $reviewer } xác nhận lúc { $when }, rồi người ghi sửa lại.
review_changes = Người ghi đã sửa:
review_photos_added = Đã thêm { $count } ảnh
review_photos_removed = Đã bỏ { $count } ảnh
review_teammates_changed = Người cùng làm: { $change }
review_nothing_changed = (chưa thay đổi gì)
review_duplicate = ⚠ Có thể trùng với { $reference } (cùng người, cùng nội dung, gần cùng thời gian).
review_verify = ✅ Xác nhận
review_reject = ❌ Không xác nhận
review_later = ⏭ Để sau
review_all = ✅ Xác nhận cả { $count } mục
review_all_confirm = Xác nhận tất cả { $count } mục đang chờ? Mỗi người ghi sẽ được báo.
review_all_yes = Có, xác nhận tất cả
review_all_no = Không, xem từng mục

# A photo shown before a review or tip card (its caption; on Zalo without a public address,
# the line saying it is attached, followed by where to see it)
card_photo = 📷 Ảnh kèm mục { $reference }
card_photo_of = 📷 Ảnh { $number }/{ $total } kèm mục { $reference }
review_ask_reason = Lý do không xác nhận mục { $reference }? (người ghi sẽ đọc được lý do này)
review_recorded_ok = Đã xác nhận { $reference }.
review_recorded_no = Đã ghi không xác nhận { $reference }.
review_gone = Mục { $reference } đã được người khác duyệt hoặc không còn chờ.
review_changed_meanwhile = Người ghi vừa sửa mục { $reference } sau khi bạn mở nó. Hãy xem lại rồi quyết định:
review_not_yours = Mục { $reference } không còn chờ bạn duyệt: đã được người khác duyệt, hoặc bạn có tên trong mục (người ghi hay người cùng làm không tự duyệt; Tổ phó hoặc Công an xã duyệt).
review_done = Không còn mục nào chờ duyệt. 👍
review_bulk_done = Đã xác nhận { $count } mục.
review_none_for_you = Chỉ Tổ trưởng, Tổ phó và cán bộ Công an xã duyệt mục.
review_verified = ✅ Mục { $reference } ({ $area }) đã được xác nhận.
review_rejected =
    ❌ Mục { $reference } ({ $area }) không được xác nhận. Lý do: { $reason }
    Bổ sung ảnh, người cùng làm hay sửa nội dung rồi gửi duyệt lại: /sua { $reference }
review_verified_many = ✅ { $count } mục của bạn đã được xác nhận: { $references }.

## Tips

menu_tips = 🔎 Theo dõi nguồn tin
tips_officers_only = Chỉ cán bộ Công an xã theo dõi, xử lý nguồn tin.
tips_none = Không có nguồn tin nào đang chờ xử lý.
tips_progress =
    { $progress ->
        [received] mới tiếp nhận
        [verifying] đang xác minh
        [resolved] đã giải quyết
       *[unfounded] không có cơ sở
    }
tips_to =
    { $progress ->
        [verifying] 🔎 Đang xác minh
        [resolved] ✅ Đã giải quyết
       *[unfounded] ✖ Không có cơ sở
    }
tips_reveal = 🔓 Xem người cung cấp
tips_reveal_reason = Vì sao cần xem người cung cấp nguồn tin { $reference }? Lý do được ghi vào nhật ký.
tips_revealed =
    🔓 Người cung cấp { $reference }: { $name } — liên hệ: { $contact }
    (Lần xem này đã được ghi nhật ký. Không chia sẻ thông tin này.)
reveal_undelivered = 🔒 Thông tin người cung cấp nguồn tin bạn xem lúc nãy chưa gửi được (ứng dụng nhắn tin không nhận tin lúc đó) và không được lưu lại ở đâu. Hãy mở /nguontin để xem lại.
tips_changed = { $reference }: { $progress }.
tips_member_notice = 🔎 Nguồn tin { $reference } của bạn: { $progress }.

## Standings

menu_standings = 🏆 Bảng xếp hạng
standings_none = Chưa có kế hoạch thi đua nào đang chạy cho đơn vị của bạn, nên chưa có bảng xếp hạng.
standings_header =
    🏆 { $plan }
    { $phase } — { $scope }
standings_whole_plan = Cả kế hoạch
standings_mine = Bạn: hạng { $rank }/{ $total }, { $points } điểm ({ $entries } mục đã xác nhận).
standings_members = Top thành viên:
standings_teams = Các tổ:
standings_row = { $rank }. { $name } — { $points } điểm
standings_chart = Biểu đồ xếp hạng
standings_chart_part = Biểu đồ xếp hạng ({ $part }/{ $count })
standings_workbook = Bảng tính xếp hạng (mỗi cấp một trang)

# Zalo only: a leader who never used the web chat learns how to get there
file_on_web = mở trên trang trò chuyện web để xem và tải về (chưa dùng trang web? gõ /lienket để lấy mã, rồi gõ mã đó trên trang)
standings_rule = (Xếp theo điểm các mục đã xác nhận; bằng điểm thì theo số mục được xác nhận.)

## Targets

menu_targets = 🎯 Chỉ tiêu
targets_none = Kế hoạch đang chạy cho đơn vị của bạn không có chỉ tiêu nào (hoặc chưa có kế hoạch).
targets_header = 🎯 Chỉ tiêu — { $plan }
commanders_only = Chỉ Tổ trưởng, Tổ phó và cán bộ Công an xã xem mục này.

## My entries

mine_empty = Bạn chưa ghi nhận mục nào.
mine_header = Các mục gần nhất của bạn ({ $count }), kèm lúc xảy ra:
mine_month = Tháng { $month }: { $counts }
mine_month_none = Tháng { $month }: chưa có mục nào.
area_not_in_plan = Kế hoạch thi đua đang áp dụng cho đơn vị của bạn không có nội dung { $command }. Chọn một nội dung trong menu.
mine_edit_hint = Sửa một mục: /sua

## Correcting an entry

edit_pick = Chọn mục cần sửa:
edit_nothing = Bạn chưa ghi mục nào để sửa.
edit_not_yours = Không tìm thấy mục { $reference } trong các mục bạn đã ghi.
edit_field = Mục { $reference } ({ $status }). Chọn nội dung cần sửa:
edit_no_fields = Mục { $reference } không có nội dung nào sửa được trong trò chuyện (thông tin bảo mật không sửa ở đây).
edit_photo_count = { $count } ảnh
edit_photo_how = Mục { $reference } đang có { $count } ảnh. Thêm ảnh mới, hay thay ảnh cũ?
edit_photo_add = ➕ Thêm ảnh
edit_photo_replace = 🔁 Thay ảnh cũ
edit_photo_send = Gửi một ảnh cho mục { $reference }.
edit_photo_needed = Bước này cần một ảnh.
edit_photo_added =
    Sửa mục { $reference }:
    • Thêm { $added } ảnh (đang có { $count } ảnh)
edit_photo_replaced =
    Sửa mục { $reference }:
    • Thay { $count } ảnh cũ bằng { $added } ảnh mới
edit_teammates =
    Sửa mục { $reference }:
    • { $field }: { $change }
changed_added = thêm { $names }
changed_removed = bỏ { $names }
edit_confirm =
    Sửa mục { $reference }:
    • { $field }: { $old } → { $new }
edit_confirm_short = Lưu thay đổi này?
edit_back_to_review = Mục này đã được duyệt; sau khi sửa sẽ chờ duyệt lại và điểm được tính lại khi xác nhận.
edit_saved = Đã sửa ✅ { $reference }.
edit_saved_review = Đã sửa ✅ { $reference }. Mục đang chờ duyệt lại.
edit_unchanged = Không sửa gì.
desk_closed_plain = Đã đóng.

## Year-end grading

menu_grading = 🎖 Xếp loại cuối năm
grading_officers_only = Chỉ cán bộ Công an xã xác nhận xếp loại.
grading_no_guide = Chưa nạp hướng dẫn xếp loại (antt-bot plan load plans/2026-huong-dan-01-hd-bca-v05.yaml) hoặc bạn chưa thuộc một xã.
grading_title = 🎖 Xếp loại { $commune }, năm đánh giá { $start } – { $end }
grading_summary = Tổng hợp: { $summary }; chưa xếp loại: { $ungraded }.
grading_teams = Các tổ (nhiệm vụ hoàn thành):
grading_members = Thành viên (số tháng có hoạt động đã xác nhận):
grading_state_open = Đây là đề xuất theo hướng dẫn; hãy xác nhận hoặc sửa từng mục có lý do.
grading_state_confirmed = Đã xác nhận.
grading_confirm = ✅ Xác nhận tất cả
grading_change = ✏️ Sửa một mục
grading_fresh = 🔄 Tính lại
grading_export = 📊 Tải bảng Excel
grading_back = ⬅ Quay lại danh sách
grading_workbook = Bảng xếp loại (Excel)
grading_which = Gõ số thứ tự của tổ hoặc thành viên cần sửa (1–{ $count }).
grading_no_such = Không có số đó. Gõ một số từ 1 đến { $count }.
grading_not_graded = Mục này không được xếp loại (hoạt động dưới { $months } tháng).
grading_pick = { $name } — hiện tại: { $grade }. Chọn mức xếp loại:
grading_ask_reason = Lý do thay đổi? (bắt buộc, được ghi vào nhật ký)
grading_changed = Đã sửa: { $name } — { $grade }.
grading_not_changed = Không sửa được mục này (không thuộc xã của bạn hoặc không được xếp loại).
grading_confirmed = Đã xác nhận { $count } mục.
grading_was = đề xuất: { $grade }
grade_note_under_months = chưa xếp loại: hoạt động dưới { $months } tháng
grade_note =
    { $note ->
        [under_months] { grade_note_under_months }
        [top_share] giới hạn { $share } xuất sắc
       *[leader_team] Tổ trưởng không cao hơn Tổ
    }

## Deliverables (/danop)

deliverable_commanders_only = Việc nộp báo cáo do Tổ trưởng, Tổ phó hoặc cán bộ Công an xã đánh dấu.
deliverable_none = Đơn vị bạn không có hạn nộp nào đang mở.
deliverable_pick = Chọn hạn nộp để gửi hồ sơ:
deliverable_no_file = Không kèm ảnh
deliverable_done = Đã ghi nhận ✅ { $title } (hạn { $due }). Sẽ không nhắc đơn vị bạn về việc này nữa.
deliverable_already = Đơn vị bạn đã báo nộp { $title } (hạn { $due }) trước đó.

## Weekly board

board_header =
    🏆 Bảng xếp hạng tuần — { $plan }
    { $phase } — { $scope }
    (▲ lên, ▼ xuống, = giữ hạng so với tuần trước)
board_new = mới
board_team_header = 🏆 Bảng xếp hạng tuần: { $count } thành viên tổ bạn trong { $total } thành viên của xã
board_member = 🏆 Bạn đang xếp hạng { $rank }/{ $total } trong xã với { $points } điểm ({ $phase }). Cảm ơn bạn đã góp sức giữ bình yên thôn xóm! 💪
board_nudge =
    👋 Tuần qua bạn chưa ghi nhận việc nào (hạng { $rank }/{ $total }, { $points } điểm). Một buổi tuần tra hay một việc tốt cũng đáng ghi lại: /tuantra, /viectot.
    Không muốn nhận lời nhắc này: /nhacnho tat
nudges_usage = Gõ /nhacnho tat để tắt, /nhacnho bat để bật lời nhắc hằng tuần.
nudges_off = Đã tắt lời nhắc hằng tuần.
nudges_on = Đã bật lời nhắc hằng tuần.
grading_ready = 🎖 Năm đánh giá { $start } – { $end } đã kết thúc: đã có đề xuất xếp loại cho { $count } tổ và thành viên của xã. Gõ /xeploai để xem, sửa (có lý do) và xác nhận.

## Scheduled messages

deadline_soon =
    ⏰ Còn { $days } ngày đến hạn { $due }: { $title }
    Cần nộp: { $deliverable }
    ({ $plan })
    Khi đã nộp, gõ /danop để đánh dấu.
deadline_tomorrow =
    ⏰ Còn 1 ngày đến hạn { $due }: { $title }
    Cần nộp: { $deliverable }
    ({ $plan })
    Khi đã nộp, gõ /danop để đánh dấu.
deadline_today =
    ⏰ Hôm nay ({ $due }) là hạn: { $title }
    Cần nộp: { $deliverable }
    ({ $plan })
    Khi đã nộp, gõ /danop để đánh dấu.
deadline_late =
    ⚠️ Hạn { $due } — { $title }: { $count } đơn vị chưa báo cáo:
    { $units }
phase_area = • { $name }: { $points } điểm mỗi mục được xác nhận
phase_started =
    📣 { $plan }
    Bắt đầu { $phase } ({ $starts } – { $ends }).
    Chủ đề: { $theme }
    Nội dung tính điểm:
    { $counts }
phase_ending =
    📣 { $plan }
    { $phase } kết thúc hôm nay ({ $ends }). Hãy ghi nhận các việc đã làm trước khi hết ngày.

## Broadcasts (/thongbao)

menu_broadcast = 📢 Gửi thông báo
broadcast_not_allowed = Chỉ cán bộ Công an xã và quản trị viên gửi được thông báo.
broadcast_running = 📢 Thông báo #{ $number } đang gửi: đã gửi { $sent }, không gửi được { $failed }, còn { $left } / { $total }.
broadcast_audience = Gửi thông báo tới ai trong { $unit }?
broadcast_to =
    { $audience ->
        [all] Tất cả
        [member] Tổ viên
        [leader] Tổ trưởng, tổ phó
       *[officer] Cán bộ Công an xã
    }
broadcast_text = Nhập nội dung thông báo (tối đa { $limit } ký tự):
broadcast_image = Gửi một ảnh kèm thông báo, hoặc chọn Không kèm ảnh.
broadcast_preview =
    Người nhận sẽ thấy như trên. Sẽ gửi tới { $total } người — { $audience } ({ $channels }).{ $unreached }
    Gửi ngay?
broadcast_unreached = {" "}{ $count } người chưa dùng kênh nào của bot nên sẽ không nhận được.
broadcast_nobody = Không có ai trong nhóm này nhận được tin nhắn của bot. Hãy chọn nhóm khác.
broadcast_send = 📤 Gửi
broadcast_rewrite = ✏️ Viết lại
broadcast_cancel = Hủy
broadcast_cancelled = Đã hủy thông báo đang soạn; thông báo này không được gửi.
broadcast_stop = ⏹ Dừng thông báo #{ $number }
broadcast_stop_confirm = Dừng thông báo #{ $number }? Những người chưa nhận sẽ không nhận nữa (vài tin đang trên đường gửi vẫn tới).
broadcast_stop_yes = ⏹ Dừng
broadcast_stop_no = Không, gửi tiếp
broadcast_stopped = ⏹ Đã dừng thông báo #{ $number }: { $sent } người đã nhận; { $left } người sẽ không nhận.
broadcast_stop_kept = Không dừng: thông báo #{ $number } vẫn đang gửi.
broadcast_stop_too_late = Thông báo #{ $number } đã gửi xong hoặc đã dừng trước đó.
broadcast_abandoned = Thông báo đang soạn đã bị bỏ (chưa gửi).
broadcast_text_first = Hãy nhập nội dung trước (hoặc gửi ảnh kèm chú thích là nội dung); ảnh chọn ở bước sau.
broadcast_started = Đang gửi thông báo #{ $number } tới { $total } người. Bạn sẽ được báo tiến độ trong lúc gửi và nhận báo cáo khi gửi xong.
broadcast_header = 📢 Thông báo của { $unit }:
broadcast_progress = 📢 Thông báo #{ $number }: đã gửi { $sent }, không gửi được { $failed }, còn { $left } / { $total }.
broadcast_report = 📢 Thông báo #{ $number } đã gửi xong: { $sent }/{ $total } người đã nhận, { $failed } không gửi được (đã chặn bot hoặc lỗi); { $unreached } người chưa dùng kênh nào của bot.
channel =
    { $channel ->
        [telegram] Telegram
        [zalo] Zalo
       *[web] web chat
    }
status =
    { $status ->
        [pending] chờ duyệt
        [verified] đã xác nhận
       *[rejected] không được xác nhận
    }
