"""Korean demo text: the templates of en.py, in the same order. Subjects and
departments are only followed by particles that do not change with the final sound
(에, 에서, 의) or by a noun, so every combination reads right."""

TEXT = {
    "months": [str(n) for n in range(1, 13)],
    "date": "{m}월 {d}일",
    "departments": {
        "Environment": "환경과",
        "Health": "보건소",
        "Education": "교육청",
        "Transport": "교통과",
        "Water and sanitation": "상수도사업소",
        "Housing": "주택과",
        "Culture": "문화과",
        "Public safety": "안전총괄과",
        "Economy and jobs": "경제진흥과",
        "Digital services": "디지털서비스팀",
        "Governance": "시의회",
        "International cooperation": "국제교류과",
    },
    "subjects": {
        "Environment": ["강변 나무 심기", "대기질 측정망"],
        "Health": ["겨울철 예방접종", "동네 보건지소 운영 시간"],
        "Education": ["초등학교 급식", "성인 야간 강좌"],
        "Transport": ["역전로 신규 자전거도로", "심야버스 운행"],
        "Water and sanitation": ["구도심 상수도관 교체", "신규 하수처리장"],
        "Housing": ["주택 에너지 개선 지원금", "옛 철도 부지 공공임대주택"],
        "Culture": ["공공도서관 여름 프로그램", "옛 시장 건물 복원"],
        "Public safety": ["항구 지구 가로등", "홍수 경보 체계"],
        "Economy and jobs": ["도심 소상공인 지원", "청년 도제 프로그램"],
        "Digital services": ["주차 허가 온라인 신청", "공공 와이파이 확대"],
        "Governance": ["예산안", "주민참여예산"],
        "International cooperation": ["자매도시 협력", "학생 교류 프로그램"],
    },
    "roles": [
        "사업 담당관",
        "데이터 분석가",
        "홍보 보조원",
        "법률 자문관",
        "사업 기술자",
    ],
    "news": [
        {
            "title": "{dept}, {year}년 ‘{subject}’ 보고서 발표",
            "summary": "올해의 성과와 앞으로의 계획을 담았습니다.",
            "body": [
                "{dept}에서 오늘 ‘{subject}’ 연간 보고서를 발표했습니다. 지난 12개월 동안의 사업 내용, 예산 집행, 성과를 정리했습니다.",
                "서비스 이용 주민이 지난해보다 늘었고 대부분의 동네에서 대기 시간이 줄었습니다. 달성하지 못한 목표 세 가지와 그 이유도 함께 밝혔습니다.",
            ],
        },
        {
            "title": "‘{subject}’ 공사 시작",
            "summary": "공사는 {date}에 시작해 약 4개월 동안 진행됩니다.",
            "body": [
                "‘{subject}’ 공사가 {date}에 시작됩니다. {dept}에서 불편을 줄이기 위해 단계별로 진행합니다.",
                "인근 주민께는 일정이 담긴 안내문을 보내 드립니다. 문의 사항은 아래 연락처로 보내 주십시오.",
            ],
        },
        {
            "title": "{dept}, ‘{subject}’ 3개년 계획 의결",
            "summary": "주민과 함께 마련한 계획이며 해마다 점검합니다.",
            "body": [
                "{dept}에서 이번 주 회의에서 ‘{subject}’ 3개년 계획을 의결했습니다. 주민, 지역 단체와 몇 달 동안 논의한 끝에 마련한 계획입니다.",
                "첫 조치는 연말 전에 시행되며, 매년 봄 추진 상황 보고서를 발표합니다.",
            ],
        },
        {
            "title": "{year}년 ‘{subject}’ 설문 결과",
            "summary": "주민 1,200여 명이 응답했습니다. 주민 의견을 소개합니다.",
            "body": [
                "1월부터 3월까지 ‘{subject}’에 대한 주민 의견을 받았습니다. 온라인과 민원 창구에서 1,200명이 넘는 주민이 참여했습니다.",
                "대부분 만족했지만 더 알기 쉬운 안내와 운영 시간 연장을 바라는 의견도 많았습니다. {dept}에서 몇 주 안에 답변을 내놓을 예정입니다.",
            ],
        },
    ],
    "notice": [
        {
            "title": "‘{subject}’ 주민 의견 수렴",
            "summary": "의견은 {date}까지 받습니다.",
            "body": [
                "{dept}에서 ‘{subject}’에 대한 주민, 단체, 기업의 의견을 듣습니다. 관련 문서는 온라인과 시청 안내데스크에서 볼 수 있습니다.",
                "의견은 {date}까지 전자우편이나 우편으로 보내 주십시오. 모든 의견을 검토하고 요약본을 공개합니다.",
            ],
        },
        {
            "title": "{year}년 사업 공모: {subject}",
            "summary": "신청은 {date}까지입니다.",
            "body": [
                "‘{subject}’ 관련 사업 공모를 시작합니다. 지역의 단체, 학교, 소기업 누구나 신청할 수 있습니다.",
                "신청서와 공모 요강은 안내데스크에서 받을 수 있습니다. 문의: {dept}. 마감일은 {date}이며 기한이 지난 신청은 받지 않습니다.",
            ],
        },
        {
            "title": "채용 공고: {role}",
            "summary": "지원 마감은 {date}입니다.",
            "body": [
                "{dept}에서 다음 직위를 채용합니다: {role}. 정규직이며 근무지는 시청이고 전일제 또는 시간제 근무가 가능합니다.",
                "자기소개서와 이력서를 {date}까지 보내 주십시오. 면접은 그 뒤 2주 안에 진행합니다.",
            ],
        },
        {
            "title": "{dept} 민원 창구 운영 시간 변경",
            "summary": "{date}부터 창구 운영 시간은 9:00~16:00입니다.",
            "body": [
                "{date}부터 {dept}의 민원 창구는 월요일부터 금요일까지 9:00~16:00에 운영합니다. 전화 상담도 같은 시간에 받습니다.",
                "대부분의 민원은 언제든지 온라인으로 신청할 수 있으며, 운영 시간 외 방문 예약도 가능합니다.",
            ],
        },
    ],
    "event": [
        {
            "title": "‘{subject}’ 주민 설명회",
            "summary": "사업팀에 궁금한 점을 직접 물어보세요.",
            "body": [
                "{dept}에서 ‘{subject}’에 관한 주민 설명회를 엽니다. 사업팀이 계획을 소개하고 질문에 답합니다.",
            ],
        },
        {
            "title": "워크숍: {subject}",
            "summary": "주민과 단체를 위한 실습 행사입니다. 무료이며 사전 신청이 필요 없습니다.",
            "body": [
                "‘{subject}’ 워크숍은 참여를 원하는 주민과 단체를 위한 자리입니다. {dept}에서 사례를 소개하고 첫걸음을 돕습니다.",
            ],
        },
        {
            "title": "‘{subject}’ 안내 모임",
            "summary": "짧은 발표 뒤 질의응답이 이어집니다.",
            "body": [
                "이번 모임에서 {dept}의 담당자가 ‘{subject}’ 사업의 대상, 일정, 참여 방법을 안내합니다.",
            ],
        },
    ],
    "when": "일시: {date} {start}–{end} ({zone}). 장소: {place}.",
    "online": "온라인으로도 참여할 수 있으며, 링크는 이 페이지에 있습니다.",
    "contact": "문의: {dept}, 평일 전화 또는 온라인 양식.",
}
