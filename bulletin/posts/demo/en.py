"""English demo text. Every language module has the same keys and the same number
of templates, in the same order (a test checks)."""

TEXT = {
    "months": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "date": "{d} {month}",
    "departments": {
        "Environment": "the environment department",
        "Health": "the public health service",
        "Education": "the education department",
        "Transport": "the transport department",
        "Water and sanitation": "the water board",
        "Housing": "the housing office",
        "Culture": "the culture department",
        "Public safety": "the public safety office",
        "Economy and jobs": "the economic development office",
        "Digital services": "the digital services team",
        "Governance": "the town council",
        "International cooperation": "the international relations office",
    },
    "subjects": {
        "Environment": [
            "tree planting along the river banks",
            "the air quality monitoring network",
        ],
        "Health": [
            "the winter vaccination campaign",
            "the opening hours of the district health centres",
        ],
        "Education": ["school meals in primary schools", "the adult evening classes"],
        "Transport": ["the new cycle lanes on Station Road", "the night bus service"],
        "Water and sanitation": [
            "the renewal of the water mains in the Old Town",
            "the new wastewater treatment plant",
        ],
        "Housing": [
            "energy renovation grants for homes",
            "affordable housing on the former rail yard",
        ],
        "Culture": [
            "the summer programme of the public library",
            "the restoration of the old market hall",
        ],
        "Public safety": [
            "street lighting in the Harbour district",
            "the flood warning system",
        ],
        "Economy and jobs": [
            "support for small shops in the town centre",
            "the youth apprenticeship scheme",
        ],
        "Digital services": [
            "online applications for parking permits",
            "the new public Wi-Fi points",
        ],
        "Governance": ["the draft budget", "the participatory budget"],
        "International cooperation": [
            "the partnership with our twin towns",
            "the student exchange programme",
        ],
    },
    "roles": [
        "Programme officer",
        "Data analyst",
        "Communications assistant",
        "Legal adviser",
        "Project engineer",
    ],
    "news": [
        {
            "title": "{Dept} publishes its {year} report on {subject}",
            "summary": "The report sets out what was done this year and what comes next.",
            "body": [
                "{Dept} today published its annual report on {subject}. It describes the work carried out over the past twelve months, the money spent and the results measured.",
                "More residents used the service than in the previous year, and waiting times fell in most districts. The report also names three targets that were not met, and explains why.",
            ],
        },
        {
            "title": "Work on {subject} begins",
            "summary": "Work starts on {date} and should last about four months.",
            "body": [
                "Work on {subject} will begin on {date}. {Dept} has planned it in stages so that disruption stays limited.",
                "Residents living nearby will receive a letter with the timetable. Questions can be sent to the contact point below.",
            ],
        },
        {
            "title": "{Dept} approves a three-year plan for {subject}",
            "summary": "The plan was prepared with residents and will be reviewed every year.",
            "body": [
                "At its meeting this week, {dept} approved a three-year plan for {subject}. It was prepared after several months of discussion with residents and local associations.",
                "The first measures take effect before the end of the year. A progress report will be published each spring.",
            ],
        },
        {
            "title": "Results of the {year} survey on {subject}",
            "summary": "More than 1,200 residents answered. Here is what they told us.",
            "body": [
                "Between January and March, residents were invited to give their views on {subject}. More than 1,200 people took part, online and at the service counters.",
                "Most were satisfied with the current arrangements, but many asked for clearer information and longer opening hours. {Dept} will present its response in the coming weeks.",
            ],
        },
    ],
    "notice": [
        {
            "title": "Public consultation on {subject}",
            "summary": "Comments may be sent until {date}.",
            "body": [
                "{Dept} invites residents, associations and businesses to comment on {subject}. The documents can be read online and at the town hall reception desk.",
                "Comments can be sent until {date}, by e-mail or by post. Every contribution will be read, and a summary will be published.",
            ],
        },
        {
            "title": "Call for applications {year}: {subject}",
            "summary": "Applications are open until {date}.",
            "body": [
                "Applications are now open for projects related to {subject}. Associations, schools and small businesses based in the area may apply.",
                "The form and the rules are available from {dept}. The deadline is {date}; late applications cannot be accepted.",
            ],
        },
        {
            "title": "Vacancy: {role}",
            "summary": "Applications close on {date}.",
            "body": [
                "{Dept} is recruiting for the following post: {role}. The post is permanent, based at the town hall, and open to full-time or part-time work.",
                "Please send a covering letter and a CV by {date}. Interviews will take place in the two weeks after that date.",
            ],
        },
        {
            "title": "Changed opening hours: {dept}",
            "summary": "From {date}, the counters open from 9:00 to 16:00.",
            "body": [
                "From {date}, the counters of {dept} will be open from 9:00 to 16:00, Monday to Friday. Telephone enquiries are answered at the same times.",
                "Most requests can also be made online at any time. Appointments outside these hours remain possible on request.",
            ],
        },
    ],
    "event": [
        {
            "title": "Public meeting on {subject}",
            "summary": "Come and put your questions to {dept}.",
            "body": [
                "{Dept} invites residents to a public meeting on {subject}. The project team will present the plans and answer questions.",
            ],
        },
        {
            "title": "Workshop: {subject}",
            "summary": "A practical session for residents and associations. Free, no registration needed.",
            "body": [
                "This workshop on {subject} is for residents and associations who want to take part. {Dept} will share examples and help with first steps.",
            ],
        },
        {
            "title": "Information session on {subject}",
            "summary": "A short presentation followed by questions.",
            "body": [
                "At this information session, {dept} will explain {subject}: who can benefit, what the timetable is, and how to take part.",
            ],
        },
    ],
    "when": "When: {date}, {start}–{end} ({zone}). Where: {place}.",
    "online": "You can also follow it online; the link is on this page.",
    "contact": "Contact: {dept}, by telephone on weekdays or through the online form.",
}
