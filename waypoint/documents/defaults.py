"""The built-in letter templates: version 1 of each service's templates, written on first use.

Written in plain language a child can read: short sentences, everyday words, one idea a line, what to do next and
who to call. The names they use are listed in waypoint/documents/content.py. A blank line starts a paragraph, "- "
starts a bullet, "# " a heading.
"""
from __future__ import annotations

from .models import LetterType

_APPOINTMENT_BLOCK = """\
- When: {{ next_appointment.when }}
- Where: {{ next_appointment.where }}
- Who you will see: {{ next_appointment.worker }}
"""

_SIGN_OFF = """
If you have any questions, please call me. You can also ask someone you trust to call for you.

Yours sincerely,
{{ worker_name }}
{{ service_name }}
"""

DEFAULTS: dict[str, tuple[str, str]] = {
    LetterType.APPOINTMENT: (
        "{% if appointments|length > 1 %}Your appointments{% else %}Your appointment{% endif %}"
        " with {{ service_name }}",
        """\
Dear {{ dear }},

{% if appointments|length > 1 %}
Here are your next {{ appointments|length }} appointments with us.

{% for a in appointments %}
- {{ a.when }}: {{ a.what }}. Where: {{ a.where }}
{% endfor %}
{% else %}
You have an appointment with us.

""" + _APPOINTMENT_BLOCK + """{% endif %}

Please come on time. If you cannot come, call me before the appointment and tell me why. We can try to find another time.
""" + _SIGN_OFF),
    LetterType.HOME_VISIT_FINAL_SHOUT: (
        "Sorry we missed you",
        """\
Dear {{ dear }},

I came to your home today to see you, but no one was in.

I would still like to meet you. Please come to this appointment at our office:

""" + _APPOINTMENT_BLOCK + """
If you cannot come, please call me and we will find another time.
""" + _SIGN_OFF),
    LetterType.PREVENTION_FINAL_ATTEMPT: (
        "We would like to hear from you",
        """\
Dear {{ dear }},

We have tried to get in touch with you, but we have not been able to talk to you. I came to your home today, but no one was in.

We would like to offer you support from {{ service_name }}. It is your choice to take part.

This is the last time we will try. Please come to this appointment at our office:

""" + _APPOINTMENT_BLOCK + """
If we do not hear from you, we will close your case. This means we will stop trying to contact you.
""" + _SIGN_OFF),
    LetterType.CLOSURE_NO_CONTACT: (
        "We have closed your case",
        """\
Dear {{ dear }},

We have tried many times to get in touch with {% if to_child %}you{% else %}{{ child_name }}{% endif %}, but we have not been able to talk.

So we closed the case on {{ closure_date }}. We will not contact you again about it.

If you want support from us in the future, you can call us at any time.
""" + _SIGN_OFF),
    LetterType.CLOSURE_DISENGAGEMENT: (
        "We have closed your case",
        """\
Dear {{ dear }},

You agreed to work with us on the {{ programme }} programme. Since then, you have missed appointments and we have not been able to meet.

So we closed your case on {{ closure_date }}.

If you change your mind, or you want support in the future, please call us.
""" + _SIGN_OFF),
    LetterType.SERVICE_DECLINED: (
        "You told us you do not want to work with us",
        """\
Dear {{ dear }},

You told us that you do not want to take part in the {{ programme }} programme. That is your choice, and we respect it.

We closed your case on {{ closure_date }}. Our records will say that you chose not to take part.

If you change your mind, please call us. We would be happy to talk.
""" + _SIGN_OFF),
    LetterType.FIRST_WARNING: (
        "First warning: you missed an appointment",
        """\
Dear {{ dear }},

{% if last_missed %}
You did not come to your appointment on {{ last_missed.when }}, and we do not have a good reason why.
{% else %}
You missed an appointment, and we do not have a good reason why.
{% endif %}

This is your first warning. Your {{ programme }} says you must come to all your appointments.

Your next appointment is:

""" + _APPOINTMENT_BLOCK + """
Please come. If you cannot, call me before the appointment and tell me why. We may ask you for proof, like a note from a doctor.

If you miss another appointment without a good reason, you will get a second warning.
""" + _SIGN_OFF),
    LetterType.SECOND_WARNING: (
        "Second warning: you must come to a meeting",
        """\
Dear {{ dear }},

{% if last_missed %}
You did not come to your appointment on {{ last_missed.when }}, and we do not have a good reason why.
{% else %}
You missed another appointment, and we do not have a good reason why.
{% endif %}

This is your second warning.

You must come to a meeting with {{ manager_name }}, a manager, to talk about what happens next:

""" + _APPOINTMENT_BLOCK + """
If you miss one more appointment without a good reason, we may have to take you back to court. This is called breach.

We want to help you finish your {{ programme }}. Please call me if something is making it hard to come.
""" + _SIGN_OFF),
    LetterType.BREACH: (
        "We are taking your order back to court",
        """\
Dear {{ dear }},

You have missed {{ missed_appointments|length }} appointments without a good reason:

{% for a in missed_appointments %}
- {{ a.when }}
{% endfor %}

Because of this, we are taking your {{ programme }} back to court. This is called breach. The court will decide what happens next.

We will tell you the date of the court hearing.

You must still come to all your appointments.{% if next_appointment %} Your next appointment is:

""" + _APPOINTMENT_BLOCK + """{% endif %}

I can help you get ready for court. Please call me.
""" + _SIGN_OFF),
    LetterType.ORDER_COMPLETION: (
        "Well done: you have finished your order",
        """\
Dear {{ dear }},

Well done. You have finished your {{ order.name }}.{% if order.end_date %} It ended on {{ order.end_date }}.{% endif %}

# When your conviction is spent

{% if order.spent_date %}
Your conviction will be spent on {{ order.spent_date }}.

After that date, you usually do not have to tell employers, colleges or insurers about it. Some jobs, like working with children, can still ask about it.
{% else %}
Your conviction will not become spent. Ask me what this means for you.
{% endif %}

The law that says this is the Rehabilitation of Offenders Act 1974. Here is how we worked out the date:

{{ order.spent_explanation }}

We wish you all the best for the future.
""" + _SIGN_OFF),
}
