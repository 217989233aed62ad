"""Generated translations for demo sites: `bulletin seed --translations` calls
`seed_translations()` after the posts are seeded.

Text is made up from small word lists in each language, like the English seed, so a
demo shows the switcher, hreflang links, right-to-left pages and the back office's
missing and out-of-date states with realistic-looking content.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils.text import slugify

from bulletin.i18n.models import TranslationSource, content_fingerprint
from bulletin.posts.models import Kind, Post, Status
from bulletin.posts.sanitize import sanitize_html
from bulletin.posts.state import bump_content_version

DEFAULT_LANGUAGES = ("fr", "ar", "ko")

# Per language: a title for each kind ({topic} filled in), topic words, and sentences.
TEXT = {
    "fr": {
        Kind.NEWS: [
            "Le conseil publie son rapport sur {topic}",
            "Nouveau plan pour {topic}",
            "Résultats du projet pilote : {topic}",
            "Un partenariat renforcé pour {topic}",
        ],
        Kind.NOTICE: [
            "Appel à candidatures : {topic}",
            "Consultation publique sur {topic}",
            "Avis : changement des horaires d'ouverture",
        ],
        Kind.EVENT: [
            "Table ronde sur {topic}",
            "Atelier : {topic} en pratique",
            "Séance d'information : {topic}",
        ],
        "topic": "l'action publique",
        "sentences": [
            "Le rapport présente les résultats de l'année écoulée.",
            "Les habitants sont invités à donner leur avis avant la fin du mois.",
            "Le budget prévu couvre les trois prochaines années.",
            "Les services concernés ont été associés à chaque étape.",
            "Un résumé des principales mesures figure ci-dessous.",
            "Les documents complets peuvent être consultés au secrétariat.",
            "La prochaine réunion aura lieu à l'automne.",
        ],
    },
    "ar": {
        Kind.NEWS: [
            "المجلس ينشر تقريره عن {topic}",
            "خطة جديدة بشأن {topic}",
            "نتائج المشروع التجريبي: {topic}",
            "شراكة معززة من أجل {topic}",
        ],
        Kind.NOTICE: [
            "دعوة لتقديم الطلبات: {topic}",
            "مشاورة عامة بشأن {topic}",
            "إعلان: تغيير مواعيد العمل",
        ],
        Kind.EVENT: [
            "مائدة مستديرة حول {topic}",
            "ورشة عمل: {topic} في الممارسة",
            "جلسة إعلامية: {topic}",
        ],
        "topic": "العمل العام",
        "sentences": [
            "يعرض التقرير نتائج العام الماضي.",
            "ندعو السكان إلى إبداء آرائهم قبل نهاية الشهر.",
            "تغطي الميزانية المقررة السنوات الثلاث المقبلة.",
            "شاركت الإدارات المعنية في كل مرحلة.",
            "يرد أدناه ملخص لأهم التدابير.",
            "يمكن الاطلاع على الوثائق الكاملة لدى الأمانة.",
            "سيُعقد الاجتماع المقبل في الخريف.",
        ],
    },
    "ko": {
        Kind.NEWS: [
            "위원회, {topic} 보고서 발표",
            "{topic} 새 계획 마련",
            "{topic} 시범 사업 결과 공개",
            "{topic} 협력 강화",
        ],
        Kind.NOTICE: [
            "{topic} 지원 사업 신청 안내",
            "{topic} 공개 의견 수렴",
            "운영 시간 변경 안내",
        ],
        Kind.EVENT: [
            "{topic} 원탁 토론회",
            "{topic} 실무 워크숍",
            "{topic} 설명회",
        ],
        "topic": "공공 정책",
        "sentences": [
            "이번 보고서는 지난 한 해의 성과를 담고 있습니다.",
            "주민 여러분의 의견을 이달 말까지 받습니다.",
            "예산은 앞으로 3년 동안의 사업을 포함합니다.",
            "관련 부서가 모든 단계에 함께 참여했습니다.",
            "주요 내용은 아래에 정리되어 있습니다.",
            "전체 문서는 사무국에서 볼 수 있습니다.",
            "다음 회의는 가을에 열립니다.",
        ],
    },
}
TOPIC_NAMES = {
    "fr": {
        "Environment": "l'environnement",
        "Health": "la santé",
        "Education": "l'éducation",
        "Transport": "les transports",
        "Water and sanitation": "l'eau et l'assainissement",
        "Housing": "le logement",
        "Culture": "la culture",
        "Public safety": "la sécurité publique",
        "Economy and jobs": "l'économie et l'emploi",
        "Digital services": "les services numériques",
        "Governance": "la gouvernance",
        "International cooperation": "la coopération internationale",
    },
    "ar": {
        "Environment": "البيئة",
        "Health": "الصحة",
        "Education": "التعليم",
        "Transport": "النقل",
        "Water and sanitation": "المياه والصرف الصحي",
        "Housing": "الإسكان",
        "Culture": "الثقافة",
        "Public safety": "السلامة العامة",
        "Economy and jobs": "الاقتصاد والتوظيف",
        "Digital services": "الخدمات الرقمية",
        "Governance": "الحوكمة",
        "International cooperation": "التعاون الدولي",
    },
    "ko": {
        "Environment": "환경",
        "Health": "보건",
        "Education": "교육",
        "Transport": "교통",
        "Water and sanitation": "상하수도",
        "Housing": "주거",
        "Culture": "문화",
        "Public safety": "공공 안전",
        "Economy and jobs": "경제·일자리",
        "Digital services": "디지털 서비스",
        "Governance": "행정",
        "International cooperation": "국제 협력",
    },
}
SEEDABLE = tuple(TEXT)


def _unique_slug(title: str, used: set[str]) -> str:
    base = slugify(title, allow_unicode=True)[:180].strip("-") or "post"
    candidate, n = base, 1
    while candidate in used:
        n += 1
        candidate = f"{base}-{n}"
    used.add(candidate)
    return candidate


def _translation(
    rng: random.Random, original: Post, language: str, used: set[str]
) -> Post:
    text = TEXT[language]
    topics = list(original.topics.all())
    topic = (
        TOPIC_NAMES[language].get(topics[0].name, text["topic"])
        if topics
        else text["topic"]
    )
    title = rng.choice(text[original.kind]).format(topic=topic)
    sentences = text["sentences"]
    paragraphs = [
        " ".join(rng.sample(sentences, k=rng.randint(2, 4)))
        for _ in range(rng.randint(1, 3))
    ]
    # Most translations follow the original within a day; a few stay drafts.
    draft = rng.random() < 0.05
    return Post(
        kind=original.kind,
        title=title,
        slug=_unique_slug(title, used),
        summary=rng.choice(sentences),
        body=sanitize_html("".join(f"<p>{p}</p>" for p in paragraphs)),
        language=language,
        translation_group=original.translation_group,
        status=Status.DRAFT if draft else Status.PUBLISHED,
        published_at=None
        if draft
        else original.published_at + timedelta(hours=rng.randint(1, 24)),
        created_at=original.created_at + timedelta(hours=1),
        updated_at=original.updated_at + timedelta(hours=1),
        expires_at=original.expires_at,
        event_start=original.event_start,
        event_end=original.event_end,
        event_timezone=original.event_timezone,
        event_location=original.event_location,
        event_online_url=original.event_online_url,
    )


def seed_translations(
    count: int = 50,
    *,
    random_seed: int = 1,
    languages: Sequence[str] = DEFAULT_LANGUAGES,
    source_language: str | None = None,
) -> int:
    """Translate up to `count` of the newest public posts into `languages`.

    Posts that already have a translation in a language are skipped for it, so running
    it twice adds nothing. About one translation in ten is left out of date (its
    original changed after it was made) to show that state in the back office.
    Returns how many translations were written.
    """
    source_language = source_language or settings.LANGUAGE_CODE
    unknown = set(languages) - set(SEEDABLE)
    if unknown:
        raise ValueError(f"No generated text for {', '.join(sorted(unknown))}")
    # A language this site does not offer is skipped: its posts could not be shown.
    languages = [code for code in languages if code in dict(settings.LANGUAGES)]
    rng = random.Random(random_seed)  # noqa: S311  (demo text, not secrets)
    originals = list(
        Post.objects.public()
        .filter(language=source_language)
        .order_by("-published_at", "-id")
        .prefetch_related("topics")[:count]
    )
    groups = [post.translation_group for post in originals]
    existing = set(
        Post.objects.filter(
            translation_group__in=groups, language__in=languages
        ).values_list("translation_group", "language")
    )
    Link = Post.topics.through
    written = 0
    with transaction.atomic():
        for language in languages:
            used = set(
                Post.objects.filter(language=language).values_list("slug", flat=True)
            )
            pairs = [
                (original, _translation(rng, original, language, used))
                for original in originals
                if (original.translation_group, language) not in existing
            ]
            created = Post.objects.bulk_create(
                [post for _, post in pairs], batch_size=500
            )
            Link.objects.bulk_create(
                [
                    Link(post_id=post.pk, topic_id=topic.pk)
                    for (original, _), post in zip(pairs, created, strict=True)
                    for topic in original.topics.all()
                ],
                batch_size=2000,
            )
            records = []
            for (original, _), post in zip(pairs, created, strict=True):
                record = TranslationSource(post=post)
                record.record(original)
                if rng.random() < 0.1:
                    record.source_fingerprint = content_fingerprint(
                        Post(title="(earlier text)")
                    )
                records.append(record)
            TranslationSource.objects.bulk_create(records, batch_size=500)
            written += len(created)
        bump_content_version()
    return written
