## Registrations of units, their dossiers and ratings; commendations (services/registrations.py, services/commendations.py)
plan_registration_twice = registration scheme { $scheme } is declared twice
plan_dossier_item_twice = document { $code } is in the dossier twice
plan_deadline_unknown_registration = deadline { $deadline } waits on registration { $scheme }, which the plan does not declare
registration_outcome =
    { $outcome ->
        [pending] Working towards it
        [achieved] Achieved
        [not_achieved] Not achieved
       *[withdrawn] Withdrawn
    }
registration_outcome_unknown = Not an outcome: { $outcome } (achieved, not_achieved, withdrawn).
registration_withdrawn_already = This registration was withdrawn; it takes no outcome.
registration_decided_already = This registration has its outcome; it can no longer be withdrawn.
registration_level_unknown = No such level: { $level } (known: { $known }).
registration_decision_too_long = The decision number is longer than { $limit } characters.
registration_outcome_same = The registration already has that outcome.
registration_scheme_unknown = No plan running over this unit asks for registration { $scheme }.
registration_officers_only = Only commune police officers or administrators register units.
registration_unit_unknown = No such unit, or it was closed or merged.
registration_not_yours = { $unit } is not under your unit.
registration_kind_refused = { $unit } is not a kind of unit this scheme takes (only: { $kinds }).
registration_twice = { $unit } is already registered for this scheme in { $year }.
registration_too_late = Registration closed on { $by }; ask an administrator to record it.
registration_not_found = No such registration, or you may not see it.
registration_outcome_above_only = Only the level above the unit records its outcome and reviews its dossier.
registration_outcome_told = Registration "{ $scheme }" of { $unit }: { $outcome }.
rating_label =
    { $rating ->
        [xuat-sac] Excellent
        [kha] Good
        [trung-binh] Average
       *[yeu] Weak
    }
rating_scheme_unknown = No rating scheme { $scheme } (known: { $known }).
rating_unknown = No rating { $rating } (known: { $known }).
rating_admins_only = Only administrators rate units.
dossier_item =
    { $item ->
        [to-trinh] Proposal (tờ trình)
        [bao-cao-ket-qua] Results report
       *[bien-ban-hop] Minutes of the review meeting
    }
dossier_status =
    { $status ->
        [missing] Missing
        [uploaded] Sent, waiting for review
        [accepted] Accepted
       *[returned] Returned
    }
dossier_item_unknown = The dossier has no document { $item } (it has: { $known }).
dossier_item_accepted_already = This document was accepted; it can no longer be replaced.
dossier_decision_unknown = Either accepted or returned: { $decision }.
dossier_item_not_uploaded = This document is not waiting for review ({ $status }).
dossier_return_needs_reason = Returning a document needs a reason.
dossier_reviewed_told =
    { $decision ->
        [accepted] Dossier of { $unit }: "{ $item }" was accepted.
       *[returned] Dossier of { $unit }: "{ $item }" was returned. Reason: { $reason }
    }
deliverable_not_registered = This deadline needs your unit's { $year } registration dossier, but the unit has not registered. Register with /register.
deliverable_dossier_incomplete = Registration dossier no. { $number } is not complete; still needed: { $items }. Send the documents with /register, then mark it submitted.
commendation_form =
    { $form ->
        [bieu-duong] Praise
        [giay-khen] Certificate of merit
        [bang-khen] Diploma of merit
       *[ky-niem-chuong] Commemorative medal
    }
commendation_status =
    { $status ->
        [proposed] Proposed
        [granted] Granted
       *[refused] Refused
    }
commendation_subject_unknown = Not a person or collective to commend: { $subject }.
commendation_level_unknown = No such level: { $level } (known: { $known }).
commendation_form_unknown = No such form: { $form } (known: { $known }).
commendation_decision_unknown = Either granted or refused: { $decision }.
commendation_decided_already = This proposal was already decided.
commendation_subject_not_found = No such person or unit to commend.
commendation_own_team_only = Team leaders propose commendations for members of their own team only.
commendation_not_allowed = Only commune police officers or administrators above record commendations.
commendation_not_found = No such commendation, or you may not see it.
commendation_granted_told = 🎉 You received a { $form } ({ $level }): { $reason }. Congratulations!
commendation_proposed_told = Team leader { $leader } proposes a { $form } for { $member }: { $reason }. Decide with /commend.
# bot/cli_registry.py: the command line
cli_registry_registrations = Units registered for a plan's scheme (safe for security and order, emulation pledges, typical units, Ngày hội hosts) and their outcome
cli_registry_ratings = Units' yearly rating (QĐ 510: excellent, good, average, weak)
cli_registry_commendations = Commendations of people and collectives
cli_registry_dossiers = Recognition dossiers: documents sent, accepted, returned
cli_registry_on = Day (dd/mm/yyyy; today if not given)
cli_registry_note = Note
cli_registry_decision = Decision number
cli_registry_registration_add = Register a unit for a scheme of a running plan
cli_registry_registration_outcome = Record the outcome: achieved, not_achieved, withdrawn
cli_registry_registration_list = List the registrations under a unit
cli_registry_unit_code = Unit code
cli_registry_scheme = The plan's scheme code (e.g. an-toan-antt)
cli_registry_level = Level (commune, district, province_police, province_steering, province_committee, ministry)
cli_registry_registration_number = Registration number
cli_registry_outcome = achieved, not_achieved or withdrawn
cli_registry_under_unit = Only units under this code
cli_registry_year = Year
cli_registry_registered = Registered as no. { $number }: { $unit } — { $scheme }. Its dossier needs:
cli_registry_outcome_recorded = Registration no. { $number }: { $outcome }.
cli_registry_registration_line = { $number }  { $unit }  { $name }  { $scheme } { $year }  { $outcome }  dossier { $done }/{ $total }
cli_registry_none = Nothing yet.
cli_registry_rating_set = Record a unit's rating for a year
cli_registry_rating_import = Import ratings from a CSV file (UTF-8): unit code, rating, note; a header line first
cli_registry_rating_list = List the units' ratings for a year
cli_registry_rating = xuat-sac, kha, trung-binh or yeu
cli_registry_rating_scheme = Rating scheme
cli_registry_rated = { $unit } in { $year }: { $rating }.
cli_registry_rated_many = Recorded { $year } ratings for { $count } units.
cli_registry_csv_row = line { $line }: a unit code and a rating are needed
cli_registry_csv_line = line { $line }: { $why } (nothing recorded)
cli_registry_commendation_add = Record a commendation (granted, or --proposed)
cli_registry_commendation_grant = Decide a proposed commendation (--refuse to refuse it)
cli_registry_commendation_list = List the commendations under a unit
cli_registry_form = bieu-duong, giay-khen, bang-khen or ky-niem-chuong
cli_registry_member = Number of the member commended
cli_registry_reason = Reason
cli_registry_authority = Deciding authority
cli_registry_proposed = Only proposed
cli_registry_plan = Plan code
cli_registry_refuse = Refuse it
cli_registry_commendation_number = Commendation number
cli_registry_member_or_unit = Give --member or --unit (one of them).
cli_registry_commendation_recorded = Recorded commendation no. { $number }.
cli_registry_commendation_decided = Commendation no. { $number }: { $status }.
cli_registry_dossier_upload = Send one document of a dossier (PDF, Word, Excel, image)
cli_registry_dossier_accept = Accept one document of a dossier
cli_registry_dossier_return = Return one document, with a reason
cli_registry_dossier_show = Show a registration's dossier
cli_registry_item = Document code (e.g. to-trinh)
cli_registry_uploaded = Sent { $item } for registration no. { $number }.
cli_registry_reviewed =
    { $decision ->
        [accepted] Accepted { $item } of registration no. { $number }.
       *[returned] Returned { $item } of registration no. { $number }.
    }
# handlers/registry_desk.py, handlers/commendation_desk.py: the chat desks
command_unit_registration = register units for a plan's scheme, dossiers and outcomes
command_commendation = propose or decide commendations
unit_reg_list = { $year } registrations of your unit and the units under it:
unit_reg_list_empty = No unit has registered for a scheme in { $year } yet.
unit_reg_new = ➕ New registration
unit_reg_back = ↩ Back
unit_reg_scheme = Register for which scheme?
unit_reg_no_scheme = No running plan has a scheme to register for.
unit_reg_unit = Which unit registers?
unit_reg_no_unit = No unit left that may register for this scheme this year.
unit_reg_unit_many = Which unit registers? There are { $count }: pick one below, or type a unit's code or part of its name.
unit_reg_unit_unknown = { $count ->
    [0] No such unit. Type a unit's code or part of its name, or tap a button.
   *[other] { $count } units fit what you typed. Type more of the name, or the unit's code.
}
unit_reg_done = ✅ Registered { $unit } for { $year }.
unit_reg_card = Registration no. { $number }: { $unit } — { $scheme } ({ $year })
    Outcome: { $outcome }
unit_reg_upload = 📎 Send a document: { $item }
unit_reg_view = 📄 Open: { $item }
unit_reg_accept = ✔ Accept: { $item }
unit_reg_return = ✖ Return: { $item }
unit_reg_complete = The dossier is complete.
unit_reg_incomplete = The dossier is not complete.
unit_reg_outcome =
    { $outcome ->
        [achieved] 🏆 Record: achieved
        [not_achieved] Record: not achieved
       *[withdrawn] Withdraw the registration
    }
unit_reg_outcome_done = Outcome recorded: { $outcome }.
unit_reg_accepted = ✔ Document accepted.
unit_reg_photo = Send a photo of "{ $item }" (the paper document, readable), or a PDF, Word (.docx), Excel (.xlsx) file.
unit_reg_photo_only = Send a photo of the document or a PDF, Word, Excel file, or tap Back.
unit_reg_uploaded = 📎 Document received, waiting for the level above.
unit_reg_ask_reason = Why is the document returned?
unit_reg_returned = Document returned; the unit's officers are told.
commend_no_team = Your team has no member to propose yet.
commend_member = Propose a commendation for which member?
commend_form = Which form of commendation?
commend_reason = What for (achievements, reason)?
commend_proposed = ✅ Proposed a { $form } for { $member }; the commune police will decide.
commend_queue = Commendation proposals waiting ({ $count }):
commend_queue_empty = No commendation proposal is waiting.
commend_decide = { $line }
commend_grant = 🏅 Grant
commend_refuse = Refuse
commend_decided =
    { $status ->
        [granted] 🏅 Granted to { $member }; they have been told.
       *[refused] Recorded as refused for { $member }.
    }
mine_commendations = 🏅 Commendations ({ $count }):
mine_commendation = • { $day }: { $form } ({ $level }) — { $reason }
commend_team = A member of which team?
commend_team_many = A member of which team? There are { $count }: pick one below, or type a team's code or part of its name.
commend_record = ➕ Record a commendation
commend_recorded = 🏅 Recorded a { $form } for { $member }; they have been told.
