## Personal-data rights (Personal Data Protection Law 91/2025, Decree 13/2023): /mydata and erasure
command_my_data = my data: see it and ask for its erasure
my_data_file = 📄 A file of the data the bot holds about you (profile, messaging accounts, entries you logged, who viewed your data).
my_data_file_about = This file lists every piece of personal data the security-movement bot holds about you, under the Personal Data Protection Law. Messaging account ids are shown in part. An informant's record is sealed and not printed here, as it may name someone else.
my_data_sealed_informant = This tip has a sealed informant record (not printed in this file).
my_data_actor_you = You
my_data_actor_member = { $role } — { $unit }
my_data_actor_other =
    { $actor ->
        [cli] The server's operator (command line)
        [system] The system
       *[other] { $actor }
    }
my_data_offer = You may ask for your personal data to be erased. An administrator of your unit will confirm or refuse (with a reason).
my_data_erase = 🗑 Ask for erasure
my_data_waiting = You asked for erasure on { $day }; the request is waiting for an administrator.
my_data_withdraw = ↩ Withdraw the request
my_data_withdrawn = Your erasure request was withdrawn.
my_data_nothing_waiting = No erasure request is waiting.
my_data_confirm = Once an administrator confirms: your name becomes "Erased member", your phone number and messaging accounts are deleted (the bot forgets this chat); verified entries and tips are kept anonymised for the campaign's statistics (no content, no photos); other entries are deleted. The log of who did what is kept, as the law requires. Do you want to ask for erasure?
my_data_confirm_yes = ✔ I ask for erasure
my_data_confirm_no = ✖ No
my_data_not_asked = No erasure request was sent.
my_data_asked = Your erasure request was sent. An administrator of your unit will decide; you will be told.
my_data_erasure_waiting = You already have an erasure request waiting (sent on { $day }).
my_data_erasure_admin_notice = 🗑 { $name } ({ $unit }) asks for their personal data to be erased. Confirm or refuse (with a reason) in the console, "Erasure requests" ({ $path }).
my_data_erased_notice = Your personal data was erased as you asked. The bot no longer knows this account; to take part again, register with a new invite code.
my_data_erasure_refused_notice = Your erasure request of { $day } was refused. Reason: { $reason }
my_data_admins_only = Only administrators see and decide erasure requests.
my_data_request_not_found = Erasure request { $number } was not found in your units.
my_data_not_your_own = You cannot decide your own erasure request; the level above does.
my_data_request_settled = Erasure request { $number } has been settled already.

## Console: "Erasure requests"
console_erasure_nav = Erasure requests
console_erasure_title = Erasure requests
console_erasure_intro = Members of your units asked for their personal data to be erased (/mydata). Confirming erases at once and cannot be undone; refusing needs a reason, which the member is told.
console_erasure_done =
    { $what ->
        [erased] The member's data was erased.
       *[refused] The request was refused; the member was told why.
    }
console_erasure_col_number = No.
console_erasure_col_member = Member
console_erasure_col_unit = Unit
console_erasure_col_asked = Asked
console_erasure_col_status = Status
console_erasure_col_decided = Decision
console_erasure_status =
    { $status ->
        [asked] Waiting
        [done] Erased
        [refused] Refused
       *[withdrawn] Withdrawn
    }
console_erasure_none = No erasure request yet.
console_erasure_back = ← Erasure requests
console_erasure_request_title = Erasure request { $number }: { $name }
console_erasure_request_asked = Unit { $unit }, asked at { $at }.
console_erasure_kept = Entries kept anonymised (verified, tips): { $count }
console_erasure_deleted = Entries deleted (pending, rejected): { $count }
console_erasure_open_tips = Tips still being followed up: { $count }. Their content will be deleted; the sealed informant records stay for the tips' retention. Consider waiting until the cases close.
console_erasure_rule = Confirming does, at once: the member's name becomes "Thành viên đã xoá #number"; phone, messaging accounts, chat state and queued messages are deleted; kept entries lose their content and photos but still count; the audit log is kept.
console_erasure_confirm = Confirm the erasure
console_erasure_confirm_question = Erase { $name }'s data for good? This cannot be undone.
console_erasure_reason = Why it is refused (the member is told)
console_erasure_refuse = Refuse the request

## Audit log words
console_action_member_data_export = A member downloaded their data
console_action_member_erasure_asked = Asked for personal-data erasure
console_action_member_erasure_withdrawn = Withdrew an erasure request
console_action_member_erasure_refused = Refused an erasure request
console_action_member_erased = Erased a member's personal data
