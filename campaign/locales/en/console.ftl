## The web console (/quanly/): logging in by a one-time link, the shared pages
command_console = a one-time link (10 minutes) to the web console on a computer; “/console logout” ends every session
hint_console = [logout]
console_commanders_only = The console is for team leaders, deputies, commune police officers and admins.
console_link =
    🔐 Your link to the console (single use, expires in { $minutes } minutes):
    { $link }
    Do not pass it on. Type “/console logout” to end every session.
console_ended =
    { $count ->
        [0] No console session was open.
        [one] Ended 1 console session.
       *[other] Ended { $count } console sessions.
    }
console_link_spent = This link cannot be used (used already, expired or wrong). Type /console in the chat with the bot for a new one.
console_other_origin = This request did not come from the console and was refused.
console_csrf = The form is out of date or lacks its protection code. Reload the page and try again.
settings_map_tiles = expected an http(s) URL template with {"{"}z{"}"}, {"{"}x{"}"} and {"{"}y{"}"}
console_title = ANTT console
console_skip = Skip to the main content
console_nav_label = Console sections
console_nav_home = Overview
console_language = Language
console_logout = Log out
console_login_title = Log in to the console
console_login_how = The console has no password: type /console in the chat with the bot (Zalo, web or Telegram) and open the link it sends within 10 minutes.
console_login_button = Open the console
console_needs_script = The login page needs JavaScript turned on.
console_session_needed = Your session has ended or you have not logged in.
console_logged_out = Logged out
console_refused_title = Not allowed
console_back_home = Back to the overview
console_hello = Hello { $name }
console_home_intro = You are working as { $role } of { $unit }.
console_session_until = Your session ends at { $at } if idle.
cli_console = The web console (/quanly/)
cli_console_link = Print a one-time link (10 minutes) to the console for a leader, officer or admin
cli_console_member = The person's number (id) or phone
cli_console_no_member = No active member has the number or phone { $member }.
cli_console_many_members = { $count } members have the phone { $member }: use the number (id).
cli_console_link_line = Open this link within 10 minutes (single use): { $link }
cli_demo_console = The console (leaders, officers, admins): register with a code above, then type /console in the chat for a link to { $url }; the demo province admin: antt-bot console link --member "{ $admin }"
console_summary = Waiting for you
console_waiting_review =
    { $count ->
        [0] Nothing waits for your review.
        [one] 1 entry waits for your review.
       *[other] { $count } entries wait for your review.
    }
console_open_tips =
    { $count ->
        [0] No tip is open.
        [one] 1 tip waits to be verified or handled.
       *[other] { $more ->
            [more] { $count } or more tips wait to be verified or handled.
           *[exact] { $count } tips wait to be verified or handled.
        }
    }
console_action_exported = Exported the { $table } table
console_action_broadcast_cancelled = Cancelled a scheduled broadcast
console_action_broadcast_scheduled = Scheduled a broadcast
console_action_broadcast_stopped = Stopped a broadcast
console_action_commendation_added = Recorded a commendation
console_action_deliverable_photo_opened = Opened a submitted report's photo
console_action_deliverable_submitted = Submitted a deliverable
console_action_document_opened = Opened a document
console_action_document_uploaded = Uploaded a document
console_action_dossier_uploaded = Added to a dossier
console_action_entry_model_linked = Linked an entry to a model
console_action_grade_changed = Changed a proposed grade
console_action_grades_confirmed = Confirmed the grades
console_action_identity_link_code = Made an account link code
console_action_invites_printed = Printed an invite sheet (QR)
console_action_member_joined_team_on = Set the day they joined the team
console_action_member_moved = Moved a member to another unit
console_action_member_renamed = Renamed a member
console_action_model_registered = Registered a model
console_action_rating_set = Recorded a rating
console_action_registration_added = Registered for emulation
console_action_registration_outcome = Recorded a registration's outcome
console_action_target_value_changed = Changed a target value
console_action_target_value_entered = Entered a target value
console_action_tip_asked = Asked the reporter
console_action_tip_assigned = Assigned a tip
console_action_tip_noted = Added a note to a tip
console_action_tip_resolved = Tip resolved
console_action_tip_unfounded = Tip unfounded
console_action_tip_verifying = Tip being verified
console_action_unit_covers = Set the village a team covers
console_action_unit_group_imported = Imported unit groups (former districts)
console_action_unit_kind_added = Added a unit kind
console_nothing_title = Nothing to show yet
