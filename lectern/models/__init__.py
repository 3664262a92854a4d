"""The database tables, as SQLAlchemy 2.0 typed models. Data only: no grading here.

One module per area; everything is importable from `lectern.models`.
"""

from lectern.models.attempts import Attempt, Response, Student
from lectern.models.banks import Bank, Question, QuestionVersion, Quiz
from lectern.models.classes import Assignment, Classroom, Enrollment, Teacher
from lectern.models.study import Card, CardReview, StudyItem, StudyRun
from lectern.models.timestamps import utcnow

__all__ = [
    "Assignment", "Attempt", "Bank", "Card", "CardReview", "Classroom", "Enrollment", "Question",
    "QuestionVersion", "Quiz", "Response", "Student", "StudyItem", "StudyRun", "Teacher", "utcnow",
]
