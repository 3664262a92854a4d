"""A form field for a date and time typed on the viewer's clock and kept as naive UTC."""

from __future__ import annotations

from typing import Any

from wtforms import DateTimeLocalField

from lectern.core.local_time import to_local, to_utc
from lectern.viewer_time import viewer_zone

INPUT_FORMAT = "%Y-%m-%dT%H:%M"  # what <input type=datetime-local> sends
OUT_OF_RANGE = "That date is too far away to use; give a date in the next few years."


class LocalDateTimeField(DateTimeLocalField):
    """A datetime-local input on the viewer's clock (viewer_zone()); `data` is always naive UTC.

    What a teacher types is converted to UTC when the form is processed; a stored UTC value
    (from obj= or data=) is shown back on their clock. The hint names the zone, so nobody
    has to guess which clock the box means.
    """

    def __init__(self, label: str | None = None, validators: Any = None, format: str = INPUT_FORMAT,
                 invalid_value_message: str | None = "Give a date and a time, such as 14 March 2027, 09:00.",
                 **kwargs: Any) -> None:
        super().__init__(label, validators, format=format, invalid_value_message=invalid_value_message, **kwargs)
        self.zone = viewer_zone()
        own_zone = f"Your time ({self.zone.key})."
        self.description = f"{self.description} {own_zone}" if self.description else own_zone

    def process_formdata(self, valuelist: list[str]) -> None:
        super().process_formdata(valuelist)
        if self.data is not None:
            try:
                self.data = to_utc(self.data, self.zone)
            except OverflowError:  # year 1 or 9999 pushed past what a datetime holds
                self.data = None
                raise ValueError(OUT_OF_RANGE) from None

    def _value(self) -> str:
        if self.raw_data or self.data is None:
            return super()._value()
        try:
            return to_local(self.data, self.zone).strftime(self.format[0])
        except OverflowError:
            return self.data.strftime(self.format[0])
