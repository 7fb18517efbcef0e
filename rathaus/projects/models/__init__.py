"""Best-practice projects of municipalities, their revisions, transfers and the federal
Modellprojekte Smart Cities reference list."""

from rathaus.projects.models.project import (
    FieldOfAction,
    Project,
    ProjectRevision,
    RevisionDocument,
    RevisionImage,
    SizeClass,
    Technology,
)
from rathaus.projects.models.reference import ModelProject
from rathaus.projects.models.transfer import TransferMessage, TransferRequest

__all__ = [
    "FieldOfAction",
    "ModelProject",
    "Project",
    "ProjectRevision",
    "RevisionDocument",
    "RevisionImage",
    "SizeClass",
    "Technology",
    "TransferMessage",
    "TransferRequest",
]
