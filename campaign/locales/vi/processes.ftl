# Several processes on one database (antt-bot run --role).
cli_run_role_help = Vai trò của tiến trình: web (trò chuyện, trang quản lý, webhook), jobs (lịch việc và hàng đợi gửi; một tiến trình cho mỗi tỉnh) hoặc all (cả hai, mặc định). Mặc định lấy từ ANTT_ROLE.
cli_role_needs_a_shared_database = Vai trò { $role } cần một cơ sở dữ liệu dùng chung cho nhiều tiến trình (PostgreSQL hoặc một tệp SQLite), không phải cơ sở dữ liệu trong bộ nhớ. Hãy đặt ANTT_DATABASE_URL, hoặc chạy với --role all.
cli_role_web_started = Tiến trình web: phục vụ trò chuyện, trang quản lý và webhook; không chạy lịch việc và không gửi hàng đợi. Cần thêm đúng một tiến trình "antt-bot run --role jobs" trên cùng cơ sở dữ liệu.
cli_role_web_leaves_polling = { $channel } không có webhook: tiến trình jobs nhận tin bằng long polling (chỉ một tiến trình được làm việc này). Muốn các tiến trình web nhận tin { $channel }, hãy đặt ANTT_{ $variable }_WEBHOOK_URL.
cli_role_jobs_started = Tiến trình jobs: chạy lịch việc và gửi hàng đợi khi được giữ quyền dẫn (một tiến trình dẫn, các tiến trình khác chờ); chỉ phục vụ kiểm tra sức khỏe tại { $url }
