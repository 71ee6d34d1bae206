## Console: the map of located entries (/quanly/bando)
console_map_nav = Map
console_map_title = Map of incidents and tips
console_map_commanders_only = The map is for team leaders, deputies, commune police officers and administrators.
console_map_filters = Filter the points on the map
console_map_area = Content area
console_map_any = Any
console_map_status = Review status
console_map_progress = Tip progress
console_map_unit = Unit
console_map_since = From
console_map_until = To
console_map_text = Search the answers
console_map_reference = Reference
console_map_apply = Filter
console_map_clear = Clear filters
console_map_bad_date = A date could not be read, so the dates were not applied: pick a day, month and year.
console_map_count =
    { $count ->
        [0] No point matches the filters.
        [one] 1 point.
       *[other] { $count } points.
    }
console_map_more = Only the newest { $limit } points are shown; more match: narrow the filters.
console_map_box = Map of the points
console_map_plain = No background map: the points are shown over a plain background.
console_map_needs_script = The map needs JavaScript; the list of points is beside it.
console_map_list = List of points
console_map_none = No points.
console_map_place = location
console_map_show = Show { $reference } on the map
console_map_unlocated = The map has only entries whose author shared a location from the phone; entries with a typed address are not on it.
console_map_zoom_in = Zoom in
console_map_zoom_out = Zoom out
