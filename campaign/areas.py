"""Content areas: what a member logs, field by field.

One definition drives one generic conversation (handlers/entry_flow.py), so the seven areas of
the 2024 plan are data, not seven copies of a flow. Later, plan files supply these definitions.
"""

from __future__ import annotations

from datetime import date, datetime, time
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from campaign.text import L, Localized
from campaign.when import format_date, format_datetime


class FieldKind(StrEnum):
    TEXT = "text"
    CHOICE = "choice"
    NUMBER = "number"
    DATE = "date"  # a day, not in the future
    TIME = "time"  # a clock time, paired with the area's DATE field
    MOMENT = "moment"  # "now" or a typed date and time, not in the future
    PLACE = "place"  # a shared location or a typed address
    PHOTO = "photo"  # always optional
    TEAMMATES = "teammates"  # picked from the member's team roster; each is credited


# Answers that `ContentArea.happened` writes as one line: cards show that line instead of each.
WHEN_KINDS = frozenset({FieldKind.DATE, FieldKind.TIME, FieldKind.MOMENT})


class Option(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    label: Localized


class FieldSpec(BaseModel):
    model_config = ConfigDict(frozen=True)

    key: str
    kind: FieldKind
    prompt: Localized
    label: Localized  # how the answer is named in the summary
    options: tuple[Option, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    optional: bool = False
    # Asked only when an earlier answer has this value, e.g. {"source": "named"}.
    only_if: dict[str, str] = Field(default_factory=dict)
    # Stored encrypted apart from the entry and never shown back in a chat (the informant).
    sealed: bool = False
    # For a TIME that ends a span: the TIME field where it starts (same day as the DATE field).
    span_start: str | None = None

    @model_validator(mode="after")
    def _choices_have_options(self) -> FieldSpec:
        if self.kind is FieldKind.CHOICE and not self.options:
            raise ValueError(f"choice field {self.key!r} needs options")
        return self

    def option(self, option_id: str) -> Option | None:
        return next((opt for opt in self.options if opt.id == option_id), None)


class ContentArea(BaseModel):
    model_config = ConfigDict(frozen=True)

    code: str
    prefix: str = Field(pattern=r"^[A-Z]{2,4}$")  # of the reference code: NT-2026-000123
    name: Localized
    fields: tuple[FieldSpec, ...]
    # The CHOICE field and option that make an entry urgent (forwarded to the commune at once).
    urgent_when: tuple[str, str] | None = None
    # The CHOICE field whose value becomes the entry's kind (the tip's category).
    kind_field: str | None = None
    # Followed by commune police from received to resolved (tips); the member sees each step.
    tracked: bool = False

    def field(self, key: str) -> FieldSpec:
        return next(spec for spec in self.fields if spec.key == key)

    def occurred_at(self, answers: dict[str, Any], now: datetime) -> datetime:
        """When it happened: the MOMENT answer, else the DATE with the first TIME, else now."""
        for spec in self.fields:
            if spec.kind is FieldKind.MOMENT and answers.get(spec.key):
                return datetime.fromisoformat(answers[spec.key])
        day = next((answers.get(s.key) for s in self.fields if s.kind is FieldKind.DATE), None)
        if not day:
            return now
        clock = next((answers.get(s.key) for s in self.fields if s.kind is FieldKind.TIME), None)
        moment = time.fromisoformat(clock) if clock else time(0, 0)
        return datetime.combine(date.fromisoformat(day), moment, tzinfo=now.tzinfo)

    def happened(self, answers: dict[str, Any], occurred_at: datetime) -> str:
        """When it happened, as every card, list and notice writes it (`occurred_at` already in
        the bot's zone): the moment; the day with its times (a patrol's 19:00–22:30); the day
        alone when no time was asked (never a made-up 00:00); else when it was logged."""
        if any(s.kind is FieldKind.MOMENT and answers.get(s.key) for s in self.fields):
            return format_datetime(occurred_at)
        if not any(s.kind is FieldKind.DATE and answers.get(s.key) for s in self.fields):
            return format_datetime(occurred_at)
        clocks = [
            str(answers[s.key])
            for s in self.fields
            if s.kind is FieldKind.TIME and answers.get(s.key)
        ]
        day = format_date(occurred_at.date())
        return f"{day} {'–'.join(clocks[:2])}" if clocks else day


def _choice(key: str, prompt: Localized, label: Localized, *options: Option) -> FieldSpec:
    return FieldSpec(key=key, kind=FieldKind.CHOICE, prompt=prompt, label=label, options=options)


def _photo() -> FieldSpec:
    return FieldSpec(
        key="photo",
        kind=FieldKind.PHOTO,
        prompt=L(
            "Gửi một ảnh (nếu có), hoặc chọn Bỏ qua.", "Send a photo (if any), or choose Skip."
        ),
        label=L("Ảnh", "Photo"),
        optional=True,
    )


def _notes() -> FieldSpec:
    return FieldSpec(
        key="notes",
        kind=FieldKind.TEXT,
        prompt=L("Ghi chú thêm (nếu có), hoặc chọn Bỏ qua.", "Any notes? Or choose Skip."),
        label=L("Ghi chú", "Notes"),
        optional=True,
    )


def _moment(prompt: Localized) -> FieldSpec:
    return FieldSpec(key="when", kind=FieldKind.MOMENT, prompt=prompt, label=L("Thời gian", "When"))


def _place(prompt: Localized) -> FieldSpec:
    return FieldSpec(key="place", kind=FieldKind.PLACE, prompt=prompt, label=L("Địa điểm", "Place"))


def _day(prompt: Localized) -> FieldSpec:
    return FieldSpec(key="date", kind=FieldKind.DATE, prompt=prompt, label=L("Ngày", "Date"))


def _text(key: str, prompt: Localized, label: Localized, *, optional: bool = False) -> FieldSpec:
    return FieldSpec(key=key, kind=FieldKind.TEXT, prompt=prompt, label=label, optional=optional)


def _count(key: str, prompt: Localized, label: Localized, maximum: int) -> FieldSpec:
    return FieldSpec(
        key=key, kind=FieldKind.NUMBER, prompt=prompt, label=label, minimum=0, maximum=maximum
    )


TIP = ContentArea(
    code="tip",
    prefix="NT",
    name=L("Nguồn tin", "Tip"),
    kind_field="category",
    urgent_when=("urgency", "urgent"),
    tracked=True,
    fields=(
        _choice(
            "category",
            L("Tin báo thuộc loại nào?", "What is the tip about?"),
            L("Loại tin", "Category"),
            Option(id="security", label=L("An ninh chính trị", "National security")),
            Option(id="crime", label=L("Trộm cắp, tội phạm", "Theft, crime")),
            Option(id="drugs", label=L("Ma túy", "Drugs")),
            Option(id="social_evils", label=L("Cờ bạc, tệ nạn xã hội", "Gambling, social evils")),
            Option(id="traffic", label=L("Trật tự, an toàn giao thông", "Traffic safety")),
            Option(id="fire_risk", label=L("Nguy cơ cháy nổ", "Fire risk")),
            Option(id="other", label=L("Khác", "Other")),
        ),
        _text(
            "what",
            L("Sự việc gì đã xảy ra? Mô tả ngắn gọn.", "What happened? Describe it briefly."),
            L("Sự việc", "What happened"),
        ),
        _place(
            L(
                "Ở đâu? Gửi vị trí hoặc gõ địa chỉ (thôn, xóm, đường...).",
                "Where? Share a location or type an address.",
            )
        ),
        _moment(
            L(
                "Khi nào? Chọn Bây giờ hoặc gõ ngày giờ, ví dụ 23/11/2026 19:30.",
                "When? Choose Now or type a date and time, e.g. 23/11/2026 19:30.",
            )
        ),
        _choice(
            "source",
            L("Nguồn tin từ đâu?", "Where does the information come from?"),
            L("Nguồn", "Source"),
            Option(id="self", label=L("Tôi trực tiếp phát hiện", "I saw it myself")),
            Option(
                id="named", label=L("Người dân cung cấp (có tên)", "A resident who gave a name")
            ),
            Option(id="anonymous", label=L("Người dân giấu tên", "An anonymous resident")),
        ),
        FieldSpec(
            key="informant_name",
            kind=FieldKind.TEXT,
            prompt=L(
                "Họ tên người cung cấp tin? (Được mã hóa, chỉ Công an xã xem được.)",
                "The informant's full name? (Encrypted; only commune police can see it.)",
            ),
            label=L("Người cung cấp", "Informant"),
            only_if={"source": "named"},
            sealed=True,
        ),
        FieldSpec(
            key="informant_contact",
            kind=FieldKind.TEXT,
            prompt=L(
                "Số điện thoại hoặc cách liên hệ người cung cấp (hoặc chọn Bỏ qua).",
                "The informant's phone or contact (or choose Skip).",
            ),
            label=L("Liên hệ người cung cấp", "Informant contact"),
            only_if={"source": "named"},
            optional=True,
            sealed=True,
        ),
        _choice(
            "urgency",
            L("Mức độ khẩn cấp?", "How urgent is it?"),
            L("Mức độ", "Urgency"),
            Option(id="normal", label=L("Bình thường", "Normal")),
            Option(id="urgent", label=L("Khẩn cấp — cần xử lý ngay", "Urgent — act now")),
        ),
        _photo(),
    ),
)

PATROL = ContentArea(
    code="patrol",
    prefix="TT",
    name=L("Tuần tra", "Patrol"),
    fields=(
        _day(
            L(
                "Ngày tuần tra? (hôm nay, hôm qua hoặc dd/mm/yyyy)",
                "Patrol date? (today, yesterday or dd/mm/yyyy)",
            )
        ),
        FieldSpec(
            key="start",
            kind=FieldKind.TIME,
            prompt=L("Giờ bắt đầu? (ví dụ 19:00)", "Start time? (e.g. 19:00)"),
            label=L("Bắt đầu", "Start"),
        ),
        FieldSpec(
            key="end",
            kind=FieldKind.TIME,
            prompt=L("Giờ kết thúc? (ví dụ 22:30)", "End time? (e.g. 22:30)"),
            label=L("Kết thúc", "End"),
            span_start="start",
        ),
        _text(
            "route",
            L("Khu vực hoặc tuyến tuần tra?", "Area or route patrolled?"),
            L("Khu vực, tuyến", "Area, route"),
        ),
        FieldSpec(
            key="teammates",
            kind=FieldKind.TEAMMATES,
            prompt=L(
                "Ai cùng tuần tra? Chọn từng người rồi chọn Xong, hoặc gõ số (ví dụ 1,3).",
                "Who patrolled with you? Pick each, then Done, or type numbers (e.g. 1,3).",
            ),
            label=L("Cùng tuần tra", "Teammates"),
            optional=True,
        ),
        _notes(),
        _photo(),
    ),
)

GOOD_DEED = ContentArea(
    code="good_deed",
    prefix="VT",
    name=L("Việc tốt", "Good deed"),
    fields=(
        _text(
            "what",
            L("Bạn đã làm việc tốt gì?", "What good deed did you do?"),
            L("Việc tốt", "Good deed"),
        ),
        _text(
            "for_whom",
            L("Giúp ai? (người, gia đình hoặc tập thể)", "For whom? (a person, family or group)"),
            L("Giúp ai", "For whom"),
        ),
        _day(
            L(
                "Ngày nào? (hôm nay, hôm qua hoặc dd/mm/yyyy)",
                "Which day? (today, yesterday or dd/mm/yyyy)",
            )
        ),
        _photo(),
    ),
)

INCIDENT = ContentArea(
    code="incident",
    prefix="VV",
    name=L("Có mặt tại vụ việc", "Present at an incident"),
    fields=(
        _text("what", L("Vụ việc gì?", "What incident?"), L("Vụ việc", "Incident")),
        _place(
            L("Ở đâu? Gửi vị trí hoặc gõ địa chỉ.", "Where? Share a location or type an address.")
        ),
        _moment(
            L(
                "Khi nào? Chọn Bây giờ hoặc gõ ngày giờ.",
                "When? Choose Now or type a date and time.",
            )
        ),
        _choice(
            "in_time",
            L("Lực lượng có mặt kịp thời không?", "Was the force there in time?"),
            L("Có mặt kịp thời", "In time"),
            Option(id="yes", label=L("Có", "Yes")),
            Option(id="no", label=L("Không", "No")),
        ),
        _text("action", L("Bạn đã làm gì?", "What did you do?"), L("Việc đã làm", "Action")),
        _photo(),
    ),
)

FIRE_RESCUE = ContentArea(
    code="fire_rescue",
    prefix="CH",
    name=L("Chữa cháy, cứu nạn, cứu hộ", "Fire or rescue call-out"),
    kind_field="call_kind",
    fields=(
        _choice(
            "call_kind",
            L("Loại sự cố?", "What kind of call-out?"),
            L("Loại", "Kind"),
            Option(id="fire", label=L("Cháy, nổ", "Fire, explosion")),
            Option(id="rescue", label=L("Cứu nạn, cứu hộ", "Rescue")),
            Option(id="disaster", label=L("Thiên tai, bão lũ", "Storm, flood")),
            Option(id="other", label=L("Khác", "Other")),
        ),
        _place(
            L("Ở đâu? Gửi vị trí hoặc gõ địa chỉ.", "Where? Share a location or type an address.")
        ),
        _moment(
            L(
                "Khi nào? Chọn Bây giờ hoặc gõ ngày giờ.",
                "When? Choose Now or type a date and time.",
            )
        ),
        _text(
            "action", L("Bạn đã tham gia thế nào?", "What did you do?"), L("Việc đã làm", "Action")
        ),
        _photo(),
    ),
)

RESIDENT_INFO = ContentArea(
    code="resident_info",
    prefix="CD",
    name=L("Thu thập thông tin dân cư", "Resident information collected"),
    fields=(
        _count(
            "households",
            L("Số hộ gia đình đã thu thập thông tin?", "How many households?"),
            L("Số hộ", "Households"),
            10_000,
        ),
        _count(
            "persons",
            L("Số nhân khẩu?", "How many persons?"),
            L("Số nhân khẩu", "Persons"),
            100_000,
        ),
        _day(
            L(
                "Ngày nộp cho Công an xã? (hôm nay, hôm qua hoặc dd/mm/yyyy)",
                "Date handed to commune police? (today, yesterday or dd/mm/yyyy)",
            )
        ),
        _notes(),
    ),
)

REINTEGRATION = ContentArea(
    code="reintegration",
    prefix="TH",
    name=L("Giúp người tái hòa nhập cộng đồng", "Support to a person reintegrating"),
    kind_field="support",
    fields=(
        _text(
            "person",
            L(
                "Người được giúp đỡ? (viết tắt tên hoặc mô tả, ví dụ N.V.A, thôn 3)",
                "Who was supported? (initials or description)",
            ),
            L("Người được giúp", "Person"),
        ),
        _choice(
            "support",
            L("Hình thức giúp đỡ?", "What kind of support?"),
            L("Hình thức", "Support"),
            Option(id="visit", label=L("Thăm hỏi, động viên", "Visit, encouragement")),
            Option(id="job", label=L("Giới thiệu việc làm", "Job placement")),
            Option(id="paperwork", label=L("Hỗ trợ thủ tục, giấy tờ", "Paperwork")),
            Option(id="other", label=L("Khác", "Other")),
        ),
        _day(
            L(
                "Ngày nào? (hôm nay, hôm qua hoặc dd/mm/yyyy)",
                "Which day? (today, yesterday or dd/mm/yyyy)",
            )
        ),
        _notes(),
    ),
)

MODEL = ContentArea(
    code="model",
    prefix="MH",
    name=L("Tham gia mô hình phong trào", "Taking part in a model"),
    fields=(
        _text(
            "model",
            L("Tên mô hình? (ví dụ Camera an ninh, Tổ liên gia tự quản)", "Name of the model?"),
            L("Mô hình", "Model"),
        ),
        _choice(
            "part",
            L("Bạn tham gia thế nào?", "How did you take part?"),
            L("Vai trò", "Part"),
            Option(id="build", label=L("Xây dựng mô hình mới", "Building a new model")),
            Option(id="run", label=L("Duy trì, hoạt động", "Running it")),
        ),
        _day(
            L(
                "Ngày nào? (hôm nay, hôm qua hoặc dd/mm/yyyy)",
                "Which day? (today, yesterday or dd/mm/yyyy)",
            )
        ),
        _notes(),
    ),
)

# The 2024 plan's areas (seed 002), in the order members see them.
DEFAULT_AREAS: tuple[ContentArea, ...] = (
    TIP,
    PATROL,
    GOOD_DEED,
    INCIDENT,
    FIRE_RESCUE,
    RESIDENT_INFO,
    REINTEGRATION,
    MODEL,
)
PRIMARY_AREAS = ("tip", "patrol", "good_deed")


def area_by_code(code: str, areas: tuple[ContentArea, ...] = DEFAULT_AREAS) -> ContentArea | None:
    return next((area for area in areas if area.code == code), None)


# Every answer a form seals (an informant's name and contact): plan areas reuse these forms,
# so these keys are the only ones ever sealed.
SEALED_KEYS = frozenset(f.key for area in DEFAULT_AREAS for f in area.fields if f.sealed)
