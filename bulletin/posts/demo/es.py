"""Spanish demo text: the templates of en.py, in the same order. Subjects and
departments carry their article and never follow "de" or "a" (which would contract)."""

TEXT = {
    "months": [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ],
    "date": "{d} de {month}",
    "departments": {
        "Environment": "el departamento de medio ambiente",
        "Health": "el servicio de salud pública",
        "Education": "la concejalía de educación",
        "Transport": "el departamento de transportes",
        "Water and sanitation": "la empresa municipal de aguas",
        "Housing": "la oficina de vivienda",
        "Culture": "la concejalía de cultura",
        "Public safety": "el servicio de seguridad ciudadana",
        "Economy and jobs": "la oficina de desarrollo económico",
        "Digital services": "el equipo de servicios digitales",
        "Governance": "el pleno municipal",
        "International cooperation": "la oficina de relaciones internacionales",
    },
    "subjects": {
        "Environment": [
            "la plantación de árboles en las orillas del río",
            "la red de medición de la calidad del aire",
        ],
        "Health": [
            "la campaña de vacunación de invierno",
            "los horarios de los centros de salud de barrio",
        ],
        "Education": [
            "los comedores de las escuelas primarias",
            "las clases nocturnas para adultos",
        ],
        "Transport": [
            "los nuevos carriles bici de la calle de la Estación",
            "el servicio de autobuses nocturnos",
        ],
        "Water and sanitation": [
            "la renovación de las tuberías del casco antiguo",
            "la nueva depuradora de aguas residuales",
        ],
        "Housing": [
            "las ayudas para la rehabilitación energética de viviendas",
            "las viviendas asequibles en la antigua estación de mercancías",
        ],
        "Culture": [
            "el programa de verano de la biblioteca",
            "la restauración del antiguo mercado",
        ],
        "Public safety": [
            "el alumbrado público del barrio del Puerto",
            "el sistema de alerta por inundaciones",
        ],
        "Economy and jobs": [
            "el apoyo al pequeño comercio del centro",
            "el programa de aprendices para jóvenes",
        ],
        "Digital services": [
            "las solicitudes de permisos de aparcamiento en línea",
            "los nuevos puntos de wifi público",
        ],
        "Governance": ["el proyecto de presupuesto", "los presupuestos participativos"],
        "International cooperation": [
            "el hermanamiento con nuestras ciudades hermanas",
            "el programa de intercambio de estudiantes",
        ],
    },
    "roles": [
        "técnico o técnica de programas",
        "analista de datos",
        "auxiliar de comunicación",
        "asesor o asesora jurídica",
        "ingeniero o ingeniera de proyectos",
    ],
    "news": [
        {
            "title": "Informe {year} sobre {subject}",
            "summary": "El informe recoge el trabajo del año y los próximos pasos.",
            "body": [
                "{Dept} ha publicado hoy su informe anual sobre {subject}. Describe el trabajo realizado en los últimos doce meses, el gasto y los resultados obtenidos.",
                "Más vecinos usaron el servicio que el año anterior y los tiempos de espera bajaron en la mayoría de los barrios. El informe también señala tres objetivos que no se cumplieron y explica por qué.",
            ],
        },
        {
            "title": "Comienzan las obras: {subject}",
            "summary": "Las obras empiezan el {date} y durarán unos cuatro meses.",
            "body": [
                "Las obras para {subject} comenzarán el {date}. {Dept} las ha organizado por fases para limitar las molestias.",
                "Los vecinos de la zona recibirán una carta con el calendario. Las preguntas pueden enviarse al punto de contacto indicado abajo.",
            ],
        },
        {
            "title": "Un plan a tres años para {subject}",
            "summary": "El plan se preparó con los vecinos y se revisará cada año.",
            "body": [
                "En su reunión de esta semana, {dept} aprobó un plan a tres años para {subject}. Se preparó tras varios meses de diálogo con los vecinos y las asociaciones.",
                "Las primeras medidas entrarán en vigor antes de fin de año. Cada primavera se publicará un informe de seguimiento.",
            ],
        },
        {
            "title": "Resultados de la encuesta {year} sobre {subject}",
            "summary": "Respondieron más de 1.200 vecinos. Esto es lo que nos dijeron.",
            "body": [
                "Entre enero y marzo, se invitó a los vecinos a opinar sobre {subject}. Participaron más de 1.200 personas, en línea y en las oficinas de atención.",
                "La mayoría está satisfecha, pero muchos piden información más clara y horarios más amplios. {Dept} presentará su respuesta en las próximas semanas.",
            ],
        },
    ],
    "notice": [
        {
            "title": "Consulta pública sobre {subject}",
            "summary": "Se pueden enviar observaciones hasta el {date}.",
            "body": [
                "{Dept} invita a vecinos, asociaciones y empresas a opinar sobre {subject}. Los documentos pueden consultarse en línea y en la recepción del ayuntamiento.",
                "Las observaciones pueden enviarse hasta el {date}, por correo electrónico o postal. Se leerán todas y se publicará un resumen.",
            ],
        },
        {
            "title": "Convocatoria {year}: {subject}",
            "summary": "El plazo de solicitud está abierto hasta el {date}.",
            "body": [
                "Está abierta la convocatoria para proyectos sobre {subject}. Pueden participar asociaciones, escuelas y pequeñas empresas de la zona.",
                "El formulario y las bases están disponibles en la recepción; información: {dept}. El plazo termina el {date} y no se aceptarán solicitudes fuera de plazo.",
            ],
        },
        {
            "title": "Oferta de empleo: {role}",
            "summary": "Solicitudes hasta el {date}.",
            "body": [
                "{Dept} busca cubrir el siguiente puesto: {role}. El puesto es indefinido, con sede en el ayuntamiento, a jornada completa o parcial.",
                "Envíe una carta de presentación y su currículum antes del {date}. Las entrevistas se harán en las dos semanas siguientes.",
            ],
        },
        {
            "title": "Nuevo horario de atención: {dept}",
            "summary": "Desde el {date}, la atención al público es de 9:00 a 16:00.",
            "body": [
                "Desde el {date}, las oficinas atenderán de 9:00 a 16:00, de lunes a viernes ({dept}). La atención telefónica sigue el mismo horario.",
                "La mayoría de los trámites pueden hacerse en línea en cualquier momento. Se pueden pedir citas fuera de este horario.",
            ],
        },
    ],
    "event": [
        {
            "title": "Reunión pública sobre {subject}",
            "summary": "Venga a plantear sus preguntas al equipo del proyecto.",
            "body": [
                "{Dept} invita a los vecinos a una reunión pública sobre {subject}. El equipo del proyecto presentará los planes y responderá a las preguntas.",
            ],
        },
        {
            "title": "Taller: {subject}",
            "summary": "Una sesión práctica para vecinos y asociaciones. Gratuita, sin inscripción.",
            "body": [
                "Este taller sobre {subject} está pensado para vecinos y asociaciones que quieran participar. {Dept} mostrará ejemplos y ayudará con los primeros pasos.",
            ],
        },
        {
            "title": "Sesión informativa sobre {subject}",
            "summary": "Una breve presentación seguida de preguntas.",
            "body": [
                "En esta sesión, {dept} explicará el proyecto sobre {subject}: quién puede beneficiarse, cuál es el calendario y cómo participar.",
            ],
        },
    ],
    "when": "Cuándo: {date}, de {start} a {end} ({zone}). Dónde: {place}.",
    "online": "También puede seguirse en línea; el enlace está en esta página.",
    "contact": "Contacto: {dept}, por teléfono en días laborables o mediante el formulario en línea.",
}
