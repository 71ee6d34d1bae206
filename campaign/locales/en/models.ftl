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
model_needs_source = A replicated model needs the reference of the model it copies (MH-…).
model_future_day = That day has not come yet.
model_entry_not_found = No model entry { $reference } in your area.
model_entry_linked = Entry { $reference } is already linked to a registered model.
model_proposed_notice = 📋 { $leader } ({ $unit }) proposes the model “{ $name }” ({ $reference }). Open /models to see it and record its launch or drop it.
