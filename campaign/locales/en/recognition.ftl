## Levels at which models, typical units and people are recognised
recognition_level =
    { $level ->
        [commune] Commune
        [district] District (before 1 July 2025)
        [province_police] Provincial police
        [province_steering] Provincial steering committee 138
        [province_committee] Provincial people's committee
       *[ministry] Ministry of Public Security
    }
