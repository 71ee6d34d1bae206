## Models and typical units (campaign/models.py, services/models.py, /models)
model_summary = { $reference } · { $name } · { $unit } · { $scheme } · { $status }
model_status =
    { $status ->
        [registered] Proposed, awaiting commune police
        [building] Being built
        [active] Running
        [effective] Effective
        [ineffective] Not effective
       *[dropped] Dropped
    }
model_event =
    { $kind ->
        [built] Launched, running
        [replicated] Replicated, running
        [maintained] Maintained
        [evaluated] Evaluated
        [proposed] Proposed for recognition
        [recognised] Recognised
        [refused] Not recognised
       *[dropped] Dropped
    }
model_category =
    { $category ->
        [model] Model
       *[typical_unit] Typical unit
    }
model_origin =
    { $origin ->
        [new] Built new
       *[replicated] Replicated from another model
    }
model_outcome =
    { $outcome ->
        [effective] Effective
       *[not_effective] Not effective
    }
model_bad_event = There is no such event in the registry.
model_is_dropped = This model was dropped; nothing more can be recorded.
model_event_not_now = That cannot be recorded in the model's current status.
model_needs_level = Choose the level it was proposed to or recognised at.
model_needs_decision = Give the recognition decision's number.
model_needs_outcome = Choose the evaluation's outcome: effective or not.
model_needs_reason = Give the reason.
model_commanders_only = The model registry is for team leaders, deputies and commune police.
model_officers_only = Only commune police or an admin can record this.
model_not_found = Model { $reference } was not found, or is not your unit's.
model_exists = The unit already has the model “{ $name }” in the registry.
model_own_team_only = A team leader proposes models for their own team only.
model_unit_not_yours = That unit is not in your area.
model_bad_name = A model's name takes 3 to { $limit } characters.
model_bad_category = The category is “model” or “typical unit”.
model_bad_scheme = A scheme code is unaccented letters, digits and dashes (e.g. tu-quan), at most 32 characters.
model_bad_origin = The origin is “new” or “replicated”.
model_needs_source = A replicated model needs the reference of the model it copies (SMH-…).
model_future_day = That day has not come yet.
model_entry_not_found = No model entry { $reference } in your area.
model_entry_linked = Entry { $reference } is already linked to a registered model.
model_proposed_notice = 📋 { $leader } ({ $unit }) proposes the model “{ $name }” ({ $reference }). Open /models to see it and record its launch or drop it.

## antt-bot model (bot/cli_models.py)
cli_model_help = The registry of models and typical units.
cli_model_add_help = Register a model or typical unit for a unit.
cli_model_event_help = Record what happened to a model: launched, evaluated, proposed, recognised, dropped…
cli_model_list_help = List the models of a unit and the units under it.
cli_model_show_help = Show a model and its history.
cli_model_link_help = Link a model entry (a typed name, not registered) to a registered model.
cli_model_unit_help = Unit code (commune, village, team…)
cli_model_name_help = The model's name (or a part of it, to search)
cli_model_scheme_help = Scheme code, e.g. tu-quan, camera, sach-ma-tuy, dien-hinh-9745, cong-an-phuong-kieu-mau
cli_model_category_help = model or typical_unit
cli_model_from_help = The reference of the model it replicates (SMH-…)
cli_model_area_help = Where it applies (if it needs saying)
cli_model_reference_help = Model reference, e.g. SMH-2026-000012
cli_model_reason_help = Reason (needed for an evaluation found not effective, or a drop)
cli_model_decision_help = The recognition decision's number
cli_model_entry_help = Model entry reference, e.g. MH-2026-000005
cli_model_no_unit = There is no unit with code { $code }.
cli_model_added = Registered: { $line }
cli_model_recorded = Recorded: { $line }
cli_model_none = No models yet.
cli_model_facts = { $category } · { $origin } (source: { $copied }) · started { $started }
cli_model_linked = Linked entry { $entry } to { $line }

## Model entries (handlers/steps.py)
model_entry_pick = Which model did you take part in? Pick one from the commune's registry (the most recent first), or type a part of its name to search.
model_entry_found = Models with “{ $search }” in their name:
model_entry_unlisted = ✏️ Not in the registry
model_entry_none = The commune has no models registered yet: type the model's name; commune police will link it later.
model_entry_type_name = Type the model's name: the entry will say “not registered”, and commune police will link it later.
model_entry_gone = That model is no longer in the commune's registry. Pick another.
model_entry_no_match = No model of the commune has “{ $search }” in its name. Type another part, or pick “Not in the registry”.
model_entry_unregistered = { $name } (not registered)

## /models (handlers/models.py)
command_models = the registry of models and typical units
models_title = Models — { $unit } ({ $count }, the most recent first):
models_new = ➕ Register a model
models_propose = ➕ Propose a model
models_link = 🔗 Link an entry to a model
models_back = ⬅ Back
models_facts = { $category } · { $origin } (source: { $copied }) · started { $started }
models_no_events = (nothing recorded yet)
models_outcome = The evaluation's outcome?
models_level = At which level?
models_reason = The reason? (a few lines)
models_reason_short = A reason takes at least 3 characters.
models_decision = The recognition decision's number? (e.g. 123/QĐ-CAT)
models_decision_bad = A decision number takes 2 to 64 characters.
models_day = On which day? (e.g. 15/3/2026)
models_today = Today
models_bad_day = That is not a day I can take: type day/month/year, e.g. 15/3/2026 (at most 10 years back, not in the future).
models_recorded = ✅ Recorded: { $event }.
models_name = The model's name? (e.g. Security cameras, East village)
models_name_bad = A model's name takes 3 to { $limit } characters.
models_scheme = Which scheme? Pick one, or type another's name (e.g. “Self-managed parish”).
models_category = A model or a typical unit?
models_unit = Which unit's model is it? (pick one, or type a unit's code or a part of its name)
models_unit_unknown =
    { $count ->
        [0] No such unit in your area. Pick one from the list, or type the unit's code.
       *[other] { $count } units match. Type more of the name, or the unit's code.
    }
models_started = Since which day?
models_origin = Built new, or replicated from another model?
models_source = The reference of the model it replicates? (e.g. SMH-2026-000012)
models_source_bad = That model was not found. Type a reference like SMH-2026-000012.
models_confirm =
    Check before saving:
    • Name: { $name }
    • Scheme: { $scheme } — { $category }
    • Unit: { $unit }
    • Started: { $started }
    • Origin: { $origin } (source: { $copied })
models_save = 💾 Save
models_cancel = ✖ Don't save
models_not_saved = Nothing was saved.
models_registered = ✅ Registered model { $reference }.
models_proposed = ✅ Proposed model { $reference }; commune police were told.
models_entry = The reference of the model entry to link? (e.g. MH-2026-000005)
models_link_pick = Entry { $entry } names “{ $named }”. Link it to which model?
models_linked = ✅ Linked entry { $entry } to { $reference } — { $name }.
models_searched = Searching “{ $search }”:
models_every = 📋 Show all
models_none_found = No model has “{ $search }” in its name. Pick from the list, or type another part.
model_scheme =
    { $scheme ->
        [tu-quan] Self-managed security
        [camera] Security cameras
        [sach-ma-tuy] Drug-free
        [giao-xu-binh-yen] Peaceful parish
        [dien-hinh-9745] Typical unit (criteria 9745)
        [cong-an-phuong-kieu-mau] Model ward police
       *[other] { $scheme }
    }
