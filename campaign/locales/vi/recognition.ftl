## Levels at which models, typical units and people are recognised
recognition_level =
    { $level ->
        [commune] Cấp xã
        [district] Cấp huyện (trước 01/7/2025)
        [province_police] Công an tỉnh
        [province_steering] Ban Chỉ đạo 138 tỉnh
        [province_committee] UBND tỉnh
       *[ministry] Bộ Công an
    }
