"""Forms of the consulting pages: the municipalities' side (``public``) and the staff's."""

from rathaus.consulting.forms.public import (
    DateInput,
    FeedbackForm,
    RequestForm,
    TextField,
    TopicField,
    future_date,
)
from rathaus.consulting.forms.staff import (
    AssignForm,
    FilterForm,
    NoteForm,
    PartnerForm,
    PersonField,
    StatusForm,
)

__all__ = [
    "DateInput",
    "FeedbackForm",
    "RequestForm",
    "TextField",
    "TopicField",
    "future_date",
    "AssignForm",
    "FilterForm",
    "NoteForm",
    "PartnerForm",
    "PersonField",
    "StatusForm",
]
