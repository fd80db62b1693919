<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>Abstention</name>
    <message>
        <location filename="../../core/engine/walness/inference/Wording.cpp" line="16"/>
        <source>This does not look like a close-up of an eye</source>
        <translation>눈을 가까이 찍은 사진이 아닌 것 같습니다</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/inference/Wording.cpp" line="17"/>
        <source>Walness only screens close-up photos of one eye. Move the square onto one eye (it should fill most of the square), or take a photo closer to the eye. Closed eyes and very dark photos cannot be screened either.</source>
        <translation>Walness는 한쪽 눈을 가까이 찍은 사진만 검사합니다. 사각형을 한쪽 눈 위로 옮기거나(눈이 사각형 대부분을 채우도록), 눈을 더 가까이 찍어 주세요. 감은 눈이나 아주 어두운 사진도 검사할 수 없습니다.</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/inference/Wording.cpp" line="26"/>
        <source>This looks like a cat&apos;s eye</source>
        <translation>고양이의 눈으로 보입니다</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/inference/Wording.cpp" line="27"/>
        <source>This looks like a dog&apos;s eye</source>
        <translation>강아지의 눈으로 보입니다</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/inference/Wording.cpp" line="29"/>
        <source>This model screens %1s&apos; eyes; a %2&apos;s eye needs a %2 model.</source>
        <translation>이 모델은 %1 눈을 검사합니다. %2의 눈은 %2 모델로 검사해야 합니다.</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/inference/Wording.cpp" line="33"/>
        <source>This does not look like a close-up photo of an eye</source>
        <translation>눈을 가까이 찍은 사진으로 보이지 않습니다</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/inference/Wording.cpp" line="35"/>
        <source>Walness only screens close-up photos of a %1&apos;s eye, like the photos its model learnt from. Try a sharp, well-lit photo of one eye, filling most of the picture.</source>
        <translation>Walness는 모델이 학습한 사진처럼 %1의 눈을 가까이 찍은 사진만 살펴볼 수 있습니다. 한쪽 눈이 화면 대부분을 채우도록 밝고 선명하게 다시 찍어 주세요.</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/inference/Wording.cpp" line="41"/>
        <source>The eye is too small in this photo</source>
        <translation>이 사진에서는 눈이 너무 작습니다</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/inference/Wording.cpp" line="42"/>
        <source>Take a closer photo, about a hand&apos;s width from the eye, or use the phone&apos;s zoom.</source>
        <translation>눈에서 손바닥 한 뼘 정도 거리까지 다가가 찍거나, 휴대폰의 확대(줌) 기능을 써 주세요.</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/inference/Wording.cpp" line="49"/>
        <source>This photo cannot be judged</source>
        <translation>이 사진으로는 판단할 수 없습니다</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/inference/Wording.cpp" line="50"/>
        <source>Please take the photo again and analyse the new one.</source>
        <translation>사진을 다시 찍어 새 사진으로 분석해 주세요.</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/inference/Wording.cpp" line="60"/>
        <source>The eye is only %1 pixels across in this photo; screening needs at least %2, or the model sees a blurred enlargement. Take a closer photo, about a hand&apos;s width from the eye, or use the phone&apos;s zoom.</source>
        <translation>이 사진에서 눈은 가로 %1 픽셀밖에 되지 않습니다. 검사하려면 %2 픽셀 이상이 필요합니다(그보다 작으면 모델이 흐릿하게 확대된 이미지를 보게 됩니다). 눈에서 손바닥 한 뼘 정도 거리까지 다가가 찍거나, 휴대폰의 확대(줌) 기능을 써 주세요.</translation>
    </message>
</context>
<context>
    <name>Advice</name>
    <message>
        <location filename="../../core/engine/walness/knowledge/Advice.cpp" line="35"/>
        <source>See a vet today</source>
        <translation>오늘 동물병원에 가세요</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/Advice.cpp" line="37"/>
        <location filename="../../core/engine/walness/knowledge/Advice.cpp" line="41"/>
        <source>See a vet within a few days</source>
        <translation>며칠 안에 동물병원에 가세요</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/Advice.cpp" line="39"/>
        <source>Mention it at the next vet visit</source>
        <translation>다음 진료 때 알려 주세요</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/Advice.cpp" line="69"/>
        <location filename="../../core/engine/walness/knowledge/Advice.cpp" line="80"/>
        <source>What to do:</source>
        <translation>이렇게 하세요:</translation>
    </message>
</context>
<context>
    <name>ClinicList</name>
    <message>
        <location filename="../../ui/clinics/map/ClinicList.qml" line="14"/>
        <source>Clinics</source>
        <translation>동물병원</translation>
    </message>
</context>
<context>
    <name>ClinicPopup</name>
    <message>
        <location filename="../../ui/clinics/map/ClinicPopup.qml" line="54"/>
        <source>Source: %1</source>
        <translation>출처: %1</translation>
    </message>
    <message>
        <location filename="../../ui/clinics/map/ClinicPopup.qml" line="62"/>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <location filename="../../ui/clinics/map/ClinicPopup.qml" line="66"/>
        <source>Call</source>
        <translation>전화</translation>
    </message>
    <message>
        <location filename="../../ui/clinics/map/ClinicPopup.qml" line="75"/>
        <source>Website</source>
        <translation>웹사이트</translation>
    </message>
    <message>
        <location filename="../../ui/clinics/map/ClinicPopup.qml" line="81"/>
        <source>Directions ▾</source>
        <translation>길찾기 ▾</translation>
    </message>
    <message>
        <location filename="../../ui/clinics/map/ClinicPopup.qml" line="91"/>
        <source>Kakao Map</source>
        <translation>카카오맵</translation>
    </message>
</context>
<context>
    <name>ClinicSearchBar</name>
    <message>
        <location filename="../../ui/clinics/map/ClinicSearchBar.qml" line="24"/>
        <source>Place or address</source>
        <translation>장소 또는 주소</translation>
    </message>
    <message>
        <location filename="../../ui/clinics/map/ClinicSearchBar.qml" line="25"/>
        <source>Place or address to search near</source>
        <translation>주변을 검색할 장소 또는 주소</translation>
    </message>
    <message>
        <location filename="../../ui/clinics/map/ClinicSearchBar.qml" line="30"/>
        <source>Find place</source>
        <translation>장소 찾기</translation>
    </message>
    <message>
        <location filename="../../ui/clinics/map/ClinicSearchBar.qml" line="39"/>
        <source>My location</source>
        <translation>내 위치</translation>
    </message>
    <message>
        <location filename="../../ui/clinics/map/ClinicSearchBar.qml" line="47"/>
        <source>Searching…</source>
        <translation>검색 중…</translation>
    </message>
    <message>
        <location filename="../../ui/clinics/map/ClinicSearchBar.qml" line="48"/>
        <source>Search clinics here</source>
        <translation>이 주변 동물병원 검색</translation>
    </message>
    <message>
        <location filename="../../ui/clinics/map/ClinicSearchBar.qml" line="54"/>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <location filename="../../ui/clinics/map/ClinicSearchBar.qml" line="61"/>
        <source>Sort:</source>
        <translation>정렬:</translation>
    </message>
    <message>
        <location filename="../../ui/clinics/map/ClinicSearchBar.qml" line="64"/>
        <source>Distance</source>
        <translation>거리순</translation>
    </message>
    <message>
        <location filename="../../ui/clinics/map/ClinicSearchBar.qml" line="71"/>
        <source>Rating</source>
        <translation>평점순</translation>
    </message>
    <message>
        <location filename="../../ui/clinics/map/ClinicSearchBar.qml" line="81"/>
        <source>Open now</source>
        <translation>지금 진료 중</translation>
    </message>
    <message>
        <location filename="../../ui/clinics/map/ClinicSearchBar.qml" line="87"/>
        <source>24 h / emergency</source>
        <translation>24시간 / 응급</translation>
    </message>
</context>
<context>
    <name>ClinicText</name>
    <message>
        <location filename="../../ui/clinics/map/ClinicText.js" line="7"/>
        <source>No rating</source>
        <translation>평점 없음</translation>
    </message>
</context>
<context>
    <name>Disease</name>
    <message>
        <location filename="../../core/engine/walness/Diseases.cpp" line="10"/>
        <source>conjunctivitis</source>
        <translation>결막염</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/Diseases.cpp" line="11"/>
        <source>ulcerative keratitis</source>
        <translation>궤양성각막질환</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/Diseases.cpp" line="12"/>
        <source>cataract</source>
        <translation>백내장</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/Diseases.cpp" line="13"/>
        <source>non-ulcerative keratitis</source>
        <translation>비궤양성각막질환</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/Diseases.cpp" line="15"/>
        <source>pigmentary keratitis</source>
        <translation>색소침착성각막염</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/Diseases.cpp" line="16"/>
        <source>entropion</source>
        <translation>안검내반증</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/Diseases.cpp" line="17"/>
        <source>blepharitis</source>
        <translation>안검염</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/Diseases.cpp" line="18"/>
        <source>eyelid tumor</source>
        <translation>안검종양</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/Diseases.cpp" line="19"/>
        <source>epiphora</source>
        <translation>유루증</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/Diseases.cpp" line="20"/>
        <source>nuclear sclerosis</source>
        <translation>핵경화</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/Diseases.cpp" line="21"/>
        <source>corneal ulcer</source>
        <translation>각막궤양</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/Diseases.cpp" line="22"/>
        <source>corneal sequestrum</source>
        <translation>각막부골편</translation>
    </message>
</context>
<context>
    <name>DiseaseKnowledge</name>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="13"/>
        <source>Inflammation of the conjunctiva, the pink tissue lining the eyelids and the white of the eye. Causes include allergies, irritants, dry eye, infection and eyelid or eyelash problems.</source>
        <translation>눈꺼풀 안쪽과 흰자를 덮는 분홍색 막(결막)의 염증입니다. 알레르기, 자극물, 안구건조증, 감염, 눈꺼풀·속눈썹 문제 등이 원인이 됩니다.</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="14"/>
        <source>Red or swollen tissue around the eye</source>
        <translation>눈 주위가 붉거나 부어 있음</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="15"/>
        <source>Watery, mucous or yellow-green discharge</source>
        <translation>맑은 눈물, 점액성 또는 노란·초록빛 눈곱</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="16"/>
        <source>Rubbing or pawing at the eye</source>
        <translation>눈을 비비거나 앞발로 긁음</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="17"/>
        <source>Frequent blinking</source>
        <translation>자주 깜박임</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="18"/>
        <source>Gently wipe discharge with a clean damp cloth and keep your dog from rubbing the eye. Do not use human eye drops. Book a vet visit; the vet will check for dry eye and corneal damage.</source>
        <translation>깨끗하고 젖은 거즈로 눈곱을 살살 닦아 주고 눈을 비비지 못하게 해 주세요. 사람용 안약은 쓰지 마세요. 동물병원 진료를 예약하세요. 수의사가 안구건조증과 각막 손상 여부를 확인합니다.</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="19"/>
        <source>Usually not an emergency, but it can hide dry eye or a corneal injury. Go today if your dog squints, keeps the eye closed or the eye turns cloudy.</source>
        <translation>대개 응급은 아니지만 안구건조증이나 각막 손상이 함께 있을 수 있습니다. 눈을 찡그리거나 감고 있거나 눈이 뿌옇게 변하면 오늘 진료받으세요.</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="20"/>
        <source>A wound in the cornea, the clear front window of the eye, with inflammation. Scratches, foreign bodies, eyelid or eyelash problems and dry eye are common causes. Ulcers can deepen quickly.</source>
        <translation>눈 앞쪽의 투명한 막(각막)에 상처가 생기고 염증이 있는 상태입니다. 긁힘, 이물질, 눈꺼풀·속눈썹 이상, 안구건조증이 흔한 원인이며 빠르게 깊어질 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="21"/>
        <source>Squinting or keeping the eye closed</source>
        <translation>눈을 찡그리거나 감고 있음</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="22"/>
        <source>Tearing</source>
        <translation>눈물이 많음</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="23"/>
        <source>A cloudy or bluish spot on the cornea</source>
        <translation>각막에 뿌옇거나 푸르스름한 부분</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="24"/>
        <source>Rubbing the eye, sensitivity to light</source>
        <translation>눈을 비빔, 빛에 예민함</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="25"/>
        <source>See a vet today. Prevent rubbing (an e-collar helps) and do not put any drops or ointment in the eye, especially ones containing steroids, until a vet has examined it.</source>
        <translation>오늘 동물병원에 가세요. 눈을 비비지 못하게 하고(넥카라가 도움이 됩니다), 수의사 진찰 전에는 어떤 안약이나 연고도, 특히 스테로이드가 든 약은 넣지 마세요.</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="26"/>
        <source>Corneal ulcers are painful and can deepen or perforate within days, which can cost the eye.</source>
        <translation>각막 궤양은 통증이 심하고 며칠 안에 깊어지거나 구멍이 나 눈을 잃을 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="27"/>
        <source>Clouding of the lens inside the eye that blocks light. Causes include inheritance, diabetes, ageing and inflammation. It can progress from early (초기) to immature (비성숙) and mature (성숙) and cause blindness.</source>
        <translation>눈 속 수정체가 뿌옇게 흐려져 빛을 가리는 질환입니다. 유전, 당뇨병, 노화, 염증 등이 원인이며 초기·비성숙·성숙 단계로 진행해 실명할 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="28"/>
        <source>A white or blue-grey cloudiness in the pupil</source>
        <translation>동공 안이 하얗거나 청회색으로 흐림</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="29"/>
        <source>Bumping into things, hesitating on stairs or in dim light</source>
        <translation>물건에 부딪히거나 계단·어두운 곳에서 머뭇거림</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="30"/>
        <source>Sudden onset together with thirst and frequent urination (possible diabetes)</source>
        <translation>물을 많이 마시고 소변이 잦으면서 갑자기 생김(당뇨병 가능성)</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="31"/>
        <source>Book a vet visit within days; ask about blood sugar and a referral to a veterinary ophthalmologist. Surgery can restore vision in suitable cases. Keep furniture in place to help your dog find its way.</source>
        <translation>며칠 안에 진료를 예약하고 혈당 검사와 안과 전문 수의사 진료 가능 여부를 물어보세요. 적합한 경우 수술로 시력을 회복할 수 있습니다. 가구 배치를 바꾸지 않으면 강아지가 길을 찾기 쉽습니다.</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="32"/>
        <source>Not an emergency by itself, but cataracts can cause inflammation (uveitis) and glaucoma, and fast-forming ones may signal diabetes. A red or painful eye needs a vet today.</source>
        <translation>그 자체로 응급은 아니지만 포도막염과 녹내장을 일으킬 수 있고, 빠르게 생기면 당뇨병의 신호일 수 있습니다. 눈이 붉거나 아파하면 오늘 진료받으세요.</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="33"/>
        <source>Inflammation of the cornea without a wound, such as chronic superficial keratitis (pannus) or keratitis from dry eye. Blood vessels, pigment or scar tissue can grow across the cornea.</source>
        <translation>상처 없이 각막에 생기는 염증으로, 만성 표재성 각막염(판누스)이나 안구건조증에 의한 각막염 등이 있습니다. 각막에 혈관, 색소, 흉터 조직이 자랄 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="34"/>
        <source>Pink, grey or brown film on the cornea</source>
        <translation>각막 위 분홍·회색·갈색 막</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="35"/>
        <source>Dull or cloudy surface</source>
        <translation>각막 표면이 탁하거나 흐림</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="36"/>
        <source>Thick discharge if dry eye is involved</source>
        <translation>안구건조증이 있으면 끈적한 눈곱</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="37"/>
        <source>Book a vet visit within days. Most forms are controlled, not cured, with long-term eye medication, so follow-up visits matter. Limit strong sunlight if your vet suspects pannus.</source>
        <translation>며칠 안에 진료를 예약하세요. 대부분 완치보다 장기적인 안약 치료로 조절하므로 재진이 중요합니다. 판누스가 의심되면 강한 햇빛 노출을 줄여 주세요.</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="38"/>
        <source>It progresses slowly but can reduce vision over time; pain or squinting may mean an ulcer and needs a vet today.</source>
        <translation>천천히 진행하지만 시간이 지나면 시력이 떨어질 수 있습니다. 아파하거나 눈을 찡그리면 궤양일 수 있으니 오늘 진료받으세요.</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="39"/>
        <source>Brown-black pigment spreading over the cornea in response to long-term irritation, common in flat-faced breeds (Pug, Shih Tzu) with prominent eyes, nasal folds or dry eye.</source>
        <translation>오랜 자극에 반응해 각막에 갈색·검은색 색소가 퍼지는 질환으로, 눈이 돌출되고 코 주름이 있거나 안구건조증이 있는 단두종(퍼그, 시추 등)에 흔합니다.</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="40"/>
        <source>Brown or black patches on the clear part of the eye, often starting at the inner corner</source>
        <translation>투명한 각막에 갈색·검은색 얼룩, 흔히 눈 안쪽 구석부터 시작</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="41"/>
        <source>Slowly spreading over months</source>
        <translation>몇 달에 걸쳐 천천히 퍼짐</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="42"/>
        <source>Book a vet visit within days to find and treat the cause (dry eye, rubbing hairs, eyelid shape). Treatment slows the pigment; it rarely disappears.</source>
        <translation>며칠 안에 진료를 예약해 원인(안구건조증, 각막에 닿는 털, 눈꺼풀 모양)을 찾아 치료하세요. 치료로 진행을 늦출 수 있지만 색소가 사라지는 경우는 드뭅니다.</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="43"/>
        <source>Not an emergency, but untreated pigment can cover the cornea and cause blindness.</source>
        <translation>응급은 아니지만 치료하지 않으면 색소가 각막을 덮어 실명할 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="44"/>
        <source>The eyelid rolls inward so lashes and hair rub the cornea. Often inherited (e.g. Shar-Pei, Chow Chow, some retrievers), sometimes caused by pain or weight loss.</source>
        <translation>눈꺼풀이 안쪽으로 말려 속눈썹과 털이 각막을 문지르는 상태입니다. 샤페이, 차우차우 등 유전적 경향이 흔하고 통증이나 체중 감소로 생기기도 합니다.</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="45"/>
        <source>Eyelid edge turned in, hair touching the eye</source>
        <translation>눈꺼풀 가장자리가 안으로 말려 털이 눈에 닿음</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="46"/>
        <source>Squinting and tearing</source>
        <translation>눈을 찡그리고 눈물이 많음</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="47"/>
        <source>Redness, sometimes a corneal ulcer</source>
        <translation>충혈, 때로 각막 궤양</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="48"/>
        <source>Book a vet visit within days; constant rubbing damages the cornea. Surgery corrects most cases; young puppies may get temporary tacking sutures.</source>
        <translation>며칠 안에 진료를 예약하세요. 계속 문지르면 각막이 손상됩니다. 대부분 수술로 교정하며 어린 강아지는 임시 봉합을 하기도 합니다.</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="49"/>
        <source>The rubbing causes ulcers over time; if the dog keeps the eye shut or the cornea looks cloudy, go today.</source>
        <translation>마찰이 계속되면 궤양이 생깁니다. 눈을 계속 감고 있거나 각막이 흐려 보이면 오늘 진료받으세요.</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="50"/>
        <source>Inflammation of the eyelids. Causes include allergies, bacterial or fungal infection, mites, blocked eyelid glands and immune disease.</source>
        <translation>눈꺼풀의 염증입니다. 알레르기, 세균·곰팡이 감염, 진드기, 눈꺼풀 분비샘 막힘, 면역 질환 등이 원인입니다.</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="51"/>
        <source>Red, swollen or thickened eyelids</source>
        <translation>붉고 부었거나 두꺼워진 눈꺼풀</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="52"/>
        <source>Crusts, scales or hair loss around the eyes</source>
        <translation>눈 주위 딱지, 비듬, 털 빠짐</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="53"/>
        <source>Itching and rubbing</source>
        <translation>가려워하며 비빔</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="54"/>
        <source>Small bumps on the eyelid margin</source>
        <translation>눈꺼풀 가장자리의 작은 돌기</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="55"/>
        <source>Book a vet visit within days. Keep the area clean and prevent scratching; the vet may take a skin sample to find the cause.</source>
        <translation>며칠 안에 진료를 예약하세요. 주변을 깨끗이 하고 긁지 못하게 해 주세요. 수의사가 원인을 찾기 위해 피부 검사를 할 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="56"/>
        <source>Uncomfortable but rarely an emergency; treating it early stops it spreading to the conjunctiva and cornea.</source>
        <translation>불편하지만 응급인 경우는 드뭅니다. 일찍 치료하면 결막과 각막으로 번지는 것을 막을 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="57"/>
        <source>A growth on the eyelid. In dogs most are benign (often meibomian gland adenomas or papillomas), but some are malignant, and even benign ones can rub the eye as they grow.</source>
        <translation>눈꺼풀에 생긴 혹입니다. 개에서는 대부분 양성(마이봄샘 선종, 유두종 등)이지만 일부는 악성이며, 양성이라도 커지면서 눈을 자극할 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="58"/>
        <source>A lump on or at the edge of the eyelid</source>
        <translation>눈꺼풀 위나 가장자리의 덩어리</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="59"/>
        <source>Tearing or redness when it touches the eye</source>
        <translation>눈에 닿으면 눈물과 충혈</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="60"/>
        <source>Bleeding or fast growth</source>
        <translation>출혈이나 빠른 성장</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="61"/>
        <source>Book a vet visit within days; small growths are easiest to remove. Note its size (a photo next to a coin helps) to show how fast it grows.</source>
        <translation>며칠 안에 진료를 예약하세요. 작을 때 제거하기가 가장 쉽습니다. 크기를 기록해 두면(동전 옆에서 사진 촬영) 성장 속도를 알 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="62"/>
        <source>Most are not urgent, but only an examination (often a biopsy) tells benign from malignant; bleeding or rapid growth should be seen sooner.</source>
        <translation>대부분 급하지 않지만 양성과 악성은 진찰(흔히 조직검사)로만 구분할 수 있습니다. 출혈이나 빠른 성장이 있으면 더 빨리 진료받으세요.</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="63"/>
        <source>Tears overflowing onto the face, from blocked tear drainage, hair or eyelid problems, or eye irritation. Common in small and flat-faced breeds.</source>
        <translation>눈물이 얼굴로 넘쳐흐르는 상태로, 눈물길 막힘, 털이나 눈꺼풀 문제, 눈 자극 등으로 생깁니다. 소형견과 단두종에 흔합니다.</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="64"/>
        <source>Wet fur below the inner eye corner</source>
        <translation>눈 안쪽 아래 털이 젖어 있음</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="65"/>
        <source>Reddish-brown tear staining</source>
        <translation>적갈색 눈물 자국</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="66"/>
        <source>Odour or skin irritation in the stained area</source>
        <translation>자국 부위의 냄새나 피부 자극</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="67"/>
        <source>Wipe the area daily and keep hair around the eyes trimmed. Mention it at the next vet visit; go sooner if it is new, on one side only, or comes with squinting or redness.</source>
        <translation>매일 닦아 주고 눈 주위 털을 짧게 유지하세요. 다음 진료 때 알려 주시고, 새로 생겼거나 한쪽만 그렇거나 눈을 찡그리거나 충혈되면 더 일찍 진료받으세요.</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="68"/>
        <source>Usually a cosmetic and skin-care problem; new one-sided tearing can mean a foreign body or ulcer.</source>
        <translation>대개 미용과 피부 관리 문제입니다. 한쪽에 새로 생긴 눈물은 이물질이나 궤양 때문일 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="69"/>
        <source>A normal ageing change in which the centre of the lens hardens and looks blue-grey, usually from about 7 years of age. Unlike a cataract it hardly affects vision.</source>
        <translation>보통 7세 무렵부터 수정체 중심이 단단해지며 청회색으로 보이는 정상적인 노화 변화입니다. 백내장과 달리 시력에 거의 영향을 주지 않습니다.</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="70"/>
        <source>A hazy blue-grey centre in both pupils</source>
        <translation>양쪽 동공 중심이 청회색으로 뿌옇게 보임</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="71"/>
        <source>Vision largely normal</source>
        <translation>시력은 대체로 정상</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="72"/>
        <source>No treatment is needed. Ask your vet to confirm it is not a cataract at the next routine check, sooner if your dog seems to see less.</source>
        <translation>치료가 필요하지 않습니다. 다음 정기 검진 때 백내장이 아닌지 확인해 달라고 하시고, 잘 못 보는 것 같으면 더 일찍 진료받으세요.</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="73"/>
        <source>A normal ageing change; only a vet&apos;s examination tells it apart from a cataract.</source>
        <translation>정상적인 노화 변화이지만 백내장과의 구분은 수의사 진찰로만 가능합니다.</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="74"/>
        <source>A wound in the cornea. In cats it is often caused by feline herpesvirus, and also by scratches and foreign bodies. It can deepen quickly.</source>
        <translation>각막에 생긴 상처입니다. 고양이에서는 고양이 허피스바이러스가 흔한 원인이고 긁힘이나 이물질로도 생깁니다. 빠르게 깊어질 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="75"/>
        <source>Cloudy spot on the cornea</source>
        <translation>각막의 뿌연 부분</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="76"/>
        <source>Sneezing or nasal discharge with herpesvirus</source>
        <translation>허피스바이러스라면 재채기나 콧물</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="77"/>
        <source>See a vet today. Prevent rubbing and put nothing in the eye until it has been examined.</source>
        <translation>오늘 동물병원에 가세요. 눈을 비비지 못하게 하고 진찰 전에는 눈에 아무것도 넣지 마세요.</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="78"/>
        <source>Painful and can deepen or perforate within days.</source>
        <translation>통증이 심하고 며칠 안에 깊어지거나 구멍이 날 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="79"/>
        <source>A patch of dead corneal tissue that turns amber to black, seen almost only in cats, often after long-term irritation or herpesvirus; more common in Persians and Himalayans.</source>
        <translation>각막 조직 일부가 괴사해 호박색에서 검은색으로 변하는 질환으로 거의 고양이에게만 생깁니다. 오랜 자극이나 허피스바이러스 뒤에 흔하며 페르시안, 히말라얀에 더 많습니다.</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="80"/>
        <source>An amber, brown or black spot on the cornea</source>
        <translation>각막의 호박색·갈색·검은색 반점</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="81"/>
        <source>Blood vessels growing towards the spot</source>
        <translation>반점 쪽으로 자라는 혈관</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="82"/>
        <source>Book a vet visit within days; many cases need surgery by a veterinary ophthalmologist. Go today if your cat keeps the eye shut.</source>
        <translation>며칠 안에 진료를 예약하세요. 안과 전문 수의사의 수술이 필요한 경우가 많습니다. 눈을 계속 감고 있으면 오늘 진료받으세요.</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="83"/>
        <source>Painful and can lead to a deep ulcer or perforation if left.</source>
        <translation>통증이 있고 방치하면 깊은 궤양이나 천공으로 이어질 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="84"/>
        <source>Inflammation of the conjunctiva. In cats it is mostly caused by infections such as feline herpesvirus or Chlamydia felis, often together with a cold.</source>
        <translation>결막의 염증입니다. 고양이에서는 대부분 고양이 허피스바이러스나 클라미디아 같은 감염이 원인이며 감기 증상과 함께 오는 경우가 많습니다.</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="85"/>
        <source>Red, swollen conjunctiva</source>
        <translation>붉고 부은 결막</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="86"/>
        <source>Watery or thick discharge</source>
        <translation>맑거나 끈적한 눈곱</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="87"/>
        <source>Squinting</source>
        <translation>눈을 찡그림</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="88"/>
        <source>Sneezing, nasal discharge</source>
        <translation>재채기, 콧물</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="89"/>
        <source>Book a vet visit within days; keep the eyes clean with a damp cloth and keep the cat apart from other cats until checked, as infections spread.</source>
        <translation>며칠 안에 진료를 예약하세요. 젖은 거즈로 눈을 깨끗이 하고, 감염이 옮을 수 있으니 진료 전까지 다른 고양이와 떨어뜨려 두세요.</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="90"/>
        <source>Usually not an emergency; go today if your cat stops eating, keeps the eye shut or the cornea looks cloudy.</source>
        <translation>대개 응급은 아니지만 먹지 않거나 눈을 계속 감고 있거나 각막이 흐려 보이면 오늘 진료받으세요.</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="91"/>
        <source>Inflammation of the cornea without a wound, in cats mostly eosinophilic keratitis (an immune reaction) or herpesvirus keratitis.</source>
        <translation>상처 없이 각막에 생기는 염증으로, 고양이에서는 주로 호산구성 각막염(면역 반응)이나 허피스바이러스 각막염입니다.</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="92"/>
        <source>White-pink raised plaques on the cornea</source>
        <translation>각막 위 흰·분홍색으로 솟은 판</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="93"/>
        <source>Blood vessels on the cornea</source>
        <translation>각막 위 혈관</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="94"/>
        <source>Cloudiness, tearing</source>
        <translation>뿌옇게 흐림, 눈물</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="95"/>
        <source>Book a vet visit within days; treatment depends on the cause and is often long-term.</source>
        <translation>며칠 안에 진료를 예약하세요. 원인에 따라 치료가 다르며 장기 치료가 필요한 경우가 많습니다.</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/knowledge/DiseaseKnowledgeWords.cpp" line="96"/>
        <source>Not usually an emergency, but it recurs and can scar the cornea; pain or squinting needs a vet today.</source>
        <translation>대개 응급은 아니지만 재발하고 각막에 흉터를 남길 수 있습니다. 아파하거나 눈을 찡그리면 오늘 진료받으세요.</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <location filename="../../core/base/walness/text/Words.cpp" line="28"/>
        <source>English</source>
        <translation>한국어</translation>
    </message>
</context>
<context>
    <name>PlaceGeocoder</name>
    <message>
        <location filename="../../ui/clinics/map/PlaceGeocoder.qml" line="26"/>
        <source>No place called &quot;%1&quot; was found.</source>
        <translation>&quot;%1&quot;(이)라는 장소를 찾지 못했습니다.</translation>
    </message>
    <message>
        <location filename="../../ui/clinics/map/PlaceGeocoder.qml" line="28"/>
        <source>Could not look up the place (%1). Check the internet connection, or right-click the map.</source>
        <translation>장소를 찾을 수 없습니다(%1). 인터넷 연결을 확인하거나 지도를 오른쪽 클릭하세요.</translation>
    </message>
</context>
<context>
    <name>Quality</name>
    <message>
        <location filename="../../core/engine/walness/imaging/Quality.cpp" line="111"/>
        <source>The photo is blurry (sharpness %1, needs %2 or more). Retake it with the eye in focus.</source>
        <translation>사진이 흐립니다 (선명도 %1, 기준 %2 이상). 초점을 눈에 맞춰 다시 찍어 주세요.</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/imaging/Quality.cpp" line="117"/>
        <source>The photo is too dark (%1% of it is black, at most %2% is fine). Retake it in better light.</source>
        <translation>사진이 너무 어둡습니다 (어두운 영역 %1%, 기준 %2% 이하). 밝은 곳에서 다시 찍어 주세요.</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/imaging/Quality.cpp" line="123"/>
        <source>The photo is too bright (%1% of it is blown out, at most %2% is fine). Retake it without flash or direct light.</source>
        <translation>사진이 너무 밝습니다 (하얗게 날아간 영역 %1%, 기준 %2% 이하). 플래시 없이 다시 찍어 주세요.</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/imaging/Quality.cpp" line="129"/>
        <source>The eye region is too small (%1 pixels, needs %2 or more). Take the photo closer to the eye.</source>
        <translation>눈 영역이 너무 작습니다 (%1 픽셀, 기준 %2 픽셀 이상). 눈을 더 가까이서 찍어 주세요.</translation>
    </message>
</context>
<context>
    <name>Report</name>
    <message>
        <location filename="../../core/records/walness/report/Report.cpp" line="101"/>
        <source>The photo is not available.</source>
        <translation>사진이 없습니다.</translation>
    </message>
    <message>
        <location filename="../../core/records/walness/report/Report.cpp" line="113"/>
        <source>Photo (eye region outlined)</source>
        <translation>사진 (눈 영역 표시)</translation>
    </message>
    <message>
        <location filename="../../core/records/walness/report/Report.cpp" line="119"/>
        <source>Eye region the model saw</source>
        <translation>모델이 본 눈 영역</translation>
    </message>
    <message>
        <location filename="../../core/records/walness/report/Report.cpp" line="127"/>
        <source>Where the model looked (%1, %2)</source>
        <translation>모델이 주목한 곳 (%1, %2)</translation>
    </message>
    <message>
        <location filename="../../core/records/walness/report/Report.cpp" line="142"/>
        <source>No findings:</source>
        <translation>결과 없음:</translation>
    </message>
    <message>
        <location filename="../../core/records/walness/report/Report.cpp" line="148"/>
        <source>Signs consistent with %1 (%2).</source>
        <translation>%1 소견과 일치하는 징후 (%2).</translation>
    </message>
    <message>
        <location filename="../../core/records/walness/report/Report.cpp" line="152"/>
        <source>No disease this model checks reached its threshold. This does not mean the eye is healthy.</source>
        <translation>모델이 확인하는 질환 중 기준을 넘은 것이 없습니다. 건강한 눈이라는 뜻은 아닙니다.</translation>
    </message>
    <message>
        <location filename="../../core/records/walness/report/Report.cpp" line="159"/>
        <location filename="../../core/records/walness/report/Report.cpp" line="233"/>
        <location filename="../../core/records/walness/report/Report.cpp" line="283"/>
        <source>Disease</source>
        <translation>질환</translation>
    </message>
    <message>
        <location filename="../../core/records/walness/report/Report.cpp" line="159"/>
        <source>Probability</source>
        <translation>확률</translation>
    </message>
    <message>
        <location filename="../../core/records/walness/report/Report.cpp" line="160"/>
        <location filename="../../core/records/walness/report/Report.cpp" line="234"/>
        <source>Threshold</source>
        <translation>기준값</translation>
    </message>
    <message>
        <location filename="../../core/records/walness/report/Report.cpp" line="160"/>
        <source>Result</source>
        <translation>판정</translation>
    </message>
    <message>
        <location filename="../../core/records/walness/report/Report.cpp" line="168"/>
        <source>above threshold</source>
        <translation>기준 초과</translation>
    </message>
    <message>
        <location filename="../../core/records/walness/report/Report.cpp" line="169"/>
        <source>below threshold</source>
        <translation>기준 미만</translation>
    </message>
    <message>
        <location filename="../../core/records/walness/report/Report.cpp" line="182"/>
        <source>What to do</source>
        <translation>이렇게 하세요</translation>
    </message>
    <message>
        <location filename="../../core/records/walness/report/Report.cpp" line="194"/>
        <source>Photo quality: no problems found (sharpness, exposure, size of the eye region).</source>
        <translation>사진 품질: 문제 없음 (선명도, 노출, 눈 영역 크기).</translation>
    </message>
    <message>
        <location filename="../../core/records/walness/report/Report.cpp" line="197"/>
        <source>Photo quality notes:</source>
        <translation>사진 품질 참고:</translation>
    </message>
    <message>
        <location filename="../../core/records/walness/report/Report.cpp" line="202"/>
        <source>About the model</source>
        <translation>모델 정보</translation>
    </message>
    <message>
        <location filename="../../core/records/walness/report/Report.cpp" line="206"/>
        <source>Model %1 %2. Its model card is not installed on this computer, so its measured accuracy is not shown.</source>
        <translation>모델 %1 %2. 이 컴퓨터에 모델 카드가 없어 측정된 정확도를 표시할 수 없습니다.</translation>
    </message>
    <message>
        <location filename="../../core/records/walness/report/Report.cpp" line="218"/>
        <source>Model %1 %2 checks %3 eyes for: %4. It cannot confirm that an eye is healthy.</source>
        <translation>모델 %1 %2는 %3의 눈에서 다음만 확인합니다: %4. 건강한 눈임을 확인할 수는 없습니다.</translation>
    </message>
    <message>
        <location filename="../../core/records/walness/report/Report.cpp" line="227"/>
        <source>Measured on %1 held-out photos: macro AUC %2.</source>
        <translation>학습에 쓰지 않은 사진 %1장에서 측정: 매크로 AUC %2.</translation>
    </message>
    <message>
        <location filename="../../core/records/walness/report/Report.cpp" line="233"/>
        <source>Sensitivity</source>
        <translation>민감도</translation>
    </message>
    <message>
        <location filename="../../core/records/walness/report/Report.cpp" line="234"/>
        <source>Specificity</source>
        <translation>특이도</translation>
    </message>
    <message>
        <location filename="../../core/records/walness/report/Report.cpp" line="253"/>
        <source>Known limits (from the model card):</source>
        <translation>알려진 한계 (모델 카드, 영어 원문):</translation>
    </message>
    <message>
        <location filename="../../core/records/walness/report/Report.cpp" line="263"/>
        <source>found</source>
        <translation>있음</translation>
    </message>
    <message>
        <location filename="../../core/records/walness/report/Report.cpp" line="265"/>
        <source>not found</source>
        <translation>없음</translation>
    </message>
    <message>
        <location filename="../../core/records/walness/report/Report.cpp" line="269"/>
        <source>not examined</source>
        <translation>검사 안 함</translation>
    </message>
    <message>
        <location filename="../../core/records/walness/report/Report.cpp" line="276"/>
        <source>Veterinarian&apos;s confirmation</source>
        <translation>수의사 확인</translation>
    </message>
    <message>
        <location filename="../../core/records/walness/report/Report.cpp" line="277"/>
        <source>Examined by %1, %2 (revision %3).</source>
        <translation>%1 확인, %2 (수정 %3번째).</translation>
    </message>
    <message>
        <location filename="../../core/records/walness/report/Report.cpp" line="283"/>
        <source>Vet&apos;s finding</source>
        <translation>수의사 소견</translation>
    </message>
    <message>
        <location filename="../../core/records/walness/report/Report.cpp" line="284"/>
        <source>Grade</source>
        <translation>등급</translation>
    </message>
    <message>
        <location filename="../../core/records/walness/report/Report.cpp" line="292"/>
        <source>Vet&apos;s note:</source>
        <translation>수의사 메모:</translation>
    </message>
    <message>
        <location filename="../../core/records/walness/report/Report.cpp" line="318"/>
        <source>Over time</source>
        <translation>시간에 따른 변화</translation>
    </message>
    <message>
        <location filename="../../core/records/walness/report/Report.cpp" line="318"/>
        <source>Date</source>
        <translation>날짜</translation>
    </message>
    <message>
        <location filename="../../core/records/walness/report/Report.cpp" line="423"/>
        <source>Eye screening history: %1</source>
        <translation>눈 검사 기록: %1</translation>
    </message>
    <message>
        <location filename="../../core/records/walness/report/Report.cpp" line="424"/>
        <source>Eye screening report</source>
        <translation>눈 검사 보고서</translation>
    </message>
    <message>
        <location filename="../../core/records/walness/report/Report.cpp" line="431"/>
        <source>A screening aid made by software, not a veterinary diagnosis. Only a veterinarian&apos;s examination can diagnose or rule out eye disease.</source>
        <translation>소프트웨어가 만든 선별 검사 보조 자료이며 수의사의 진단이 아닙니다. 눈 질환의 진단과 배제는 수의사의 진찰로만 할 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../core/records/walness/report/Report.cpp" line="347"/>
        <source>born %1</source>
        <translation>%1년생</translation>
    </message>
    <message>
        <location filename="../../core/records/walness/report/Report.cpp" line="72"/>
        <source>Eye on the left of the photo</source>
        <translation>사진 왼쪽의 눈</translation>
    </message>
    <message>
        <location filename="../../core/records/walness/report/Report.cpp" line="73"/>
        <source>Eye on the right of the photo</source>
        <translation>사진 오른쪽의 눈</translation>
    </message>
    <message>
        <location filename="../../core/records/walness/report/Report.cpp" line="350"/>
        <source>Pet</source>
        <translation>반려동물</translation>
    </message>
    <message>
        <location filename="../../core/records/walness/report/Report.cpp" line="436"/>
        <source>No diagnoses saved.</source>
        <translation>저장된 검사가 없습니다.</translation>
    </message>
    <message>
        <location filename="../../core/records/walness/report/Report.cpp" line="362"/>
        <source>Model %1 %2</source>
        <translation>모델 %1 %2</translation>
    </message>
    <message>
        <location filename="../../core/records/walness/report/Report.cpp" line="372"/>
        <source>Notes:</source>
        <translation>메모:</translation>
    </message>
    <message>
        <location filename="../../core/records/walness/report/Report.cpp" line="448"/>
        <source>Made %1 by Walness %2 on this computer; the photos did not leave it.</source>
        <translation>%1, 이 컴퓨터의 Walness %2가 만들었습니다. 사진은 외부로 보내지지 않았습니다.</translation>
    </message>
</context>
<context>
    <name>Species</name>
    <message>
        <location filename="../../core/engine/walness/inference/Wording.cpp" line="8"/>
        <source>cat</source>
        <translation>고양이</translation>
    </message>
    <message>
        <location filename="../../core/engine/walness/inference/Wording.cpp" line="9"/>
        <source>dog</source>
        <translation>강아지</translation>
    </message>
</context>
<context>
    <name>walness::clinics::ClinicFetcher</name>
    <message>
        <location filename="../../core/clinics/walness/clinics/ClinicFetcher.cpp" line="129"/>
        <location filename="../../core/clinics/walness/clinics/ClinicFetcher.cpp" line="234"/>
        <source>The search was cancelled.</source>
        <translation>검색을 취소했습니다.</translation>
    </message>
    <message>
        <location filename="../../core/clinics/walness/clinics/ClinicFetcher.cpp" line="131"/>
        <source>%1 sent an answer too large for a clinic search; it was not read.</source>
        <translation>%1의 응답이 병원 검색에 비해 너무 커서 읽지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../core/clinics/walness/clinics/ClinicFetcher.cpp" line="133"/>
        <source>%1 did not finish answering in time. Check the internet connection and try again.</source>
        <translation>%1의 응답이 제시간에 끝나지 않았습니다. 인터넷 연결을 확인하고 다시 시도하세요.</translation>
    </message>
    <message>
        <location filename="../../core/clinics/walness/clinics/ClinicFetcher.cpp" line="136"/>
        <source>%1 tried to send the search on to another server (%2); it was refused.</source>
        <translation>%1이(가) 검색을 다른 서버(%2)로 넘기려 해서 거부했습니다.</translation>
    </message>
    <message>
        <location filename="../../core/clinics/walness/clinics/ClinicFetcher.cpp" line="141"/>
        <source>%1 did not answer in time. Check the internet connection and try again.</source>
        <translation>%1이(가) 제때 응답하지 않았습니다. 인터넷 연결을 확인하고 다시 시도하세요.</translation>
    </message>
    <message>
        <location filename="../../core/clinics/walness/clinics/ClinicFetcher.cpp" line="144"/>
        <source>%1 answered with HTTP %2. Try again later.</source>
        <translation>%1이(가) HTTP %2 오류로 응답했습니다. 잠시 후 다시 시도하세요.</translation>
    </message>
    <message>
        <location filename="../../core/clinics/walness/clinics/ClinicFetcher.cpp" line="154"/>
        <source>Could not reach %1 (%2). Check the internet connection.</source>
        <translation>%1에 연결할 수 없습니다(%2). 인터넷 연결을 확인하세요.</translation>
    </message>
    <message>
        <location filename="../../core/clinics/walness/clinics/ClinicFetcher.cpp" line="186"/>
        <source>Google Places needs an API key; add one in Settings or search OpenStreetMap instead.</source>
        <translation>Google Places에는 API 키가 필요합니다. 설정에서 키를 추가하거나 OpenStreetMap으로 검색하세요.</translation>
    </message>
</context>
<context>
    <name>walness::ui</name>
    <message>
        <location filename="../../ui/shell/ModelCardText.cpp" line="31"/>
        <source>cat</source>
        <translation>고양이</translation>
    </message>
    <message>
        <location filename="../../ui/shell/ModelCardText.cpp" line="31"/>
        <source>dog</source>
        <translation>강아지</translation>
    </message>
    <message>
        <location filename="../../ui/shell/ModelCardText.cpp" line="37"/>
        <source>%1 %2: %3 eyes, %4 diseases</source>
        <translation>%1 %2: %3 눈, 질환 %4종</translation>
    </message>
    <message>
        <location filename="../../ui/shell/ModelCardText.cpp" line="45"/>
        <source>, macro AUC %1 (held-out test, %2 photos)</source>
        <translation>, 매크로 AUC %1(따로 떼어 둔 테스트 사진 %2장)</translation>
    </message>
    <message>
        <location filename="../../ui/shell/ModelCardText.cpp" line="49"/>
        <source>, macro AUC %1 (%2 photos)</source>
        <translation>, 매크로 AUC %1(사진 %2장)</translation>
    </message>
    <message>
        <location filename="../../ui/shell/ModelCardText.cpp" line="63"/>
        <source>Checks %1 eyes for: %2. It cannot confirm that an eye is healthy.</source>
        <translation>%1 눈에서 다음 질환을 확인합니다: %2. 눈이 건강하다는 것은 확인할 수 없습니다.</translation>
    </message>
    <message>
        <location filename="../../ui/shell/ModelCardText.cpp" line="67"/>
        <source>Architecture %1, input %2 x %2 pixels, created %3 by Walness %4.</source>
        <translation>구조 %1, 입력 %2 x %2 픽셀, %3에 Walness %4(으)로 만들었습니다.</translation>
    </message>
    <message>
        <location filename="../../ui/shell/ModelCardText.cpp" line="76"/>
        <source>Learnt from %1 labelled photos.</source>
        <translation>라벨이 달린 사진 %1장으로 학습했습니다.</translation>
    </message>
    <message>
        <location filename="../../ui/shell/ModelCardText.cpp" line="92"/>
        <source> (test macro AUC %1 alone)</source>
        <translation> (단독 테스트 매크로 AUC %1)</translation>
    </message>
    <message>
        <location filename="../../ui/shell/ModelCardText.cpp" line="96"/>
        <source>An ensemble: the mean of its members&apos; calibrated probabilities: %1.</source>
        <translation>앙상블 모델: 구성 모델들의 보정된 확률의 평균입니다. 구성: %1.</translation>
    </message>
    <message>
        <location filename="../../ui/shell/ModelCardText.cpp" line="104"/>
        <source>Measured on held-out test photos</source>
        <translation>따로 떼어 둔 테스트 사진에서 측정</translation>
    </message>
    <message>
        <location filename="../../ui/shell/ModelCardText.cpp" line="106"/>
        <source>On %1 photos no choice was made on: macro AUC %2 (95% interval %3 to %4), calibration error (ECE) %5.</source>
        <translation>어떤 선택에도 쓰이지 않은 사진 %1장에서: 매크로 AUC %2(95% 구간 %3~%4), 보정 오차(ECE) %5.</translation>
    </message>
    <message>
        <location filename="../../ui/shell/ModelCardText.cpp" line="117"/>
        <source>95% interval</source>
        <translation>95% 구간</translation>
    </message>
    <message>
        <location filename="../../ui/shell/ModelCardText.cpp" line="131"/>
        <source>Measured</source>
        <translation>측정 결과</translation>
    </message>
    <message>
        <location filename="../../ui/shell/ModelCardText.cpp" line="132"/>
        <source>On %1 photos (%2 split): macro AUC %3, calibration error (ECE) %4.</source>
        <translation>사진 %1장(%2 분할)에서: 매크로 AUC %3, 보정 오차(ECE) %4.</translation>
    </message>
    <message>
        <location filename="../../ui/shell/ModelCardText.cpp" line="117"/>
        <location filename="../../ui/shell/ModelCardText.cpp" line="143"/>
        <source>Disease</source>
        <translation>질환</translation>
    </message>
    <message>
        <location filename="../../ui/shell/ModelCardText.cpp" line="143"/>
        <source>Sensitivity</source>
        <translation>민감도</translation>
    </message>
    <message>
        <location filename="../../ui/shell/ModelCardText.cpp" line="143"/>
        <source>Specificity</source>
        <translation>특이도</translation>
    </message>
    <message>
        <location filename="../../ui/shell/ModelCardText.cpp" line="143"/>
        <source>Threshold</source>
        <translation>기준값</translation>
    </message>
    <message>
        <location filename="../../ui/shell/ModelCardText.cpp" line="160"/>
        <source>Known limits</source>
        <translation>알려진 한계</translation>
    </message>
</context>
<context>
    <name>walness::ui::ApiKeyStore</name>
    <message>
        <location filename="../../ui/clinics/ApiKeyStore.cpp" line="12"/>
        <source>The system keychain is not available (%1), so the key cannot be saved. It is used until Walness closes.</source>
        <translation>시스템 키체인을 사용할 수 없어(%1) 키를 저장하지 못했습니다. Walness를 닫을 때까지만 사용합니다.</translation>
    </message>
</context>
<context>
    <name>walness::ui::AuditDialog</name>
    <message>
        <location filename="../../ui/history/AuditDialog.cpp" line="40"/>
        <source>How the model did here</source>
        <translation>이 병원에서 모델의 성적</translation>
    </message>
    <message>
        <location filename="../../ui/history/AuditDialog.cpp" line="44"/>
        <source>Measuring the model against the vet&apos;s confirmations...</source>
        <translation>수의사 확인 결과와 모델을 비교하는 중...</translation>
    </message>
    <message>
        <location filename="../../ui/history/AuditDialog.cpp" line="49"/>
        <source>Sensitivity: of the eyes the vet found a disease in, the share the model flagged. Specificity: of the eyes the vet examined and found free of it, the share the model left unflagged. Both at the threshold each check was screened with; in brackets the 95% interval (Wilson). AUC (how well the model ranks eyes with the disease above those without) is shown once there are at least %1 checks of each. Only checks a vet confirmed count; nothing leaves this computer.</source>
        <translation>민감도: 수의사가 질환을 확인한 눈 가운데 모델이 표시한 비율. 특이도: 수의사가 검사해 질환이 없다고 본 눈 가운데 모델이 표시하지 않은 비율. 둘 다 각 검사 당시의 기준값으로 계산하며, 괄호 안은 95% 구간(Wilson)입니다. AUC(질환이 있는 눈을 없는 눈보다 높게 매기는 정도)는 양쪽 모두 %1건 이상일 때 표시합니다. 수의사가 확인한 검사만 셉니다. 아무것도 이 컴퓨터 밖으로 나가지 않습니다.</translation>
    </message>
    <message>
        <location filename="../../ui/history/AuditDialog.cpp" line="76"/>
        <source>The audit could not be made: %1</source>
        <translation>성적을 계산하지 못했습니다: %1</translation>
    </message>
    <message>
        <location filename="../../ui/history/AuditDialog.cpp" line="82"/>
        <source>No confirmed checks yet: nothing can be said here.</source>
        <translation>확인된 검사가 아직 없어 아무것도 말할 수 없습니다.</translation>
    </message>
    <message>
        <location filename="../../ui/history/AuditDialog.cpp" line="85"/>
        <source>Flagged %1 of %2 eyes the vet found it in.</source>
        <translation>수의사가 확인한 눈 %2개 중 %1개를 표시했습니다.</translation>
    </message>
    <message>
        <location filename="../../ui/history/AuditDialog.cpp" line="87"/>
        <source>Left %1 of %2 eyes without it unflagged.</source>
        <translation>질환이 없는 눈 %2개 중 %1개를 표시하지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../ui/history/AuditDialog.cpp" line="89"/>
        <source>Too few checks to judge: at least %1 with and %1 without the disease are needed (%2 and %3 so far).</source>
        <translation>판단하기에는 검사가 너무 적습니다: 질환이 있는 눈과 없는 눈이 각각 %1건 이상 필요합니다(지금 %2건, %3건).</translation>
    </message>
    <message>
        <location filename="../../ui/history/AuditDialog.cpp" line="100"/>
        <source>No check in %1 has a vet&apos;s confirmation yet. Select a saved check on the History page and use Confirm... after the examination.</source>
        <translation>%1에는 아직 수의사가 확인한 검사가 없습니다. 진찰 후 기록 화면에서 저장된 검사를 고르고 확인...을 누르세요.</translation>
    </message>
    <message>
        <location filename="../../ui/history/AuditDialog.cpp" line="108"/>
        <source>%1 %2: %3 confirmed checks (%4 without findings), %5 to %6</source>
        <translation>%1 %2: 확인된 검사 %3건(결과 없음 %4건), %5 ~ %6</translation>
    </message>
    <message>
        <location filename="../../ui/history/AuditDialog.cpp" line="121"/>
        <source>Disease</source>
        <translation>질환</translation>
    </message>
    <message>
        <location filename="../../ui/history/AuditDialog.cpp" line="121"/>
        <source>With / without</source>
        <translation>있음 / 없음</translation>
    </message>
    <message>
        <location filename="../../ui/history/AuditDialog.cpp" line="121"/>
        <source>Sensitivity</source>
        <translation>민감도</translation>
    </message>
    <message>
        <location filename="../../ui/history/AuditDialog.cpp" line="122"/>
        <source>Specificity</source>
        <translation>특이도</translation>
    </message>
    <message>
        <location filename="../../ui/history/AuditDialog.cpp" line="122"/>
        <source>AUC</source>
        <translation>AUC</translation>
    </message>
    <message>
        <location filename="../../ui/history/AuditDialog.cpp" line="122"/>
        <source>What it means</source>
        <translation>의미</translation>
    </message>
    <message>
        <location filename="../../ui/history/AuditDialog.cpp" line="148"/>
        <source>%1: confirmed found %2 times, not found %3 times. No model here checks it.</source>
        <translation>%1: 있음 %2번, 없음 %3번 확인되었습니다. 이 컴퓨터의 어떤 모델도 이 질환은 확인하지 않습니다.</translation>
    </message>
    <message>
        <location filename="../../ui/history/AuditDialog.cpp" line="105"/>
        <source>Confirmed checks in %1: %2.</source>
        <translation>%1의 확인된 검사: %2건.</translation>
    </message>
</context>
<context>
    <name>walness::ui::BatchDialog</name>
    <message>
        <location filename="../../ui/diagnosis/BatchDialog.cpp" line="55"/>
        <source>Start</source>
        <translation>시작</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/BatchDialog.cpp" line="56"/>
        <source>Cancel batch</source>
        <translation>일괄 검사 취소</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/BatchDialog.cpp" line="57"/>
        <location filename="../../ui/diagnosis/BatchDialog.cpp" line="209"/>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/BatchDialog.cpp" line="60"/>
        <source>Screen a folder of photos</source>
        <translation>폴더의 사진 일괄 검사</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/BatchDialog.cpp" line="76"/>
        <source>Also write a report per photo (PDF, HTML and JSON) to:</source>
        <translation>사진마다 보고서(PDF, HTML, JSON)도 저장할 폴더:</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/BatchDialog.cpp" line="78"/>
        <source>Do not save to a pet</source>
        <translation>반려동물 기록에 저장하지 않음</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/BatchDialog.cpp" line="87"/>
        <source>Model: %1 %2. It is loaded once for the whole folder.</source>
        <translation>모델: %1 %2. 폴더 전체에 한 번만 불러옵니다.</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/BatchDialog.cpp" line="92"/>
        <source>No model for cats is installed, so a batch cannot run.</source>
        <translation>고양이 모델이 설치되어 있지 않아 일괄 검사를 할 수 없습니다.</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/BatchDialog.cpp" line="93"/>
        <source>No model for dogs is installed, so a batch cannot run.</source>
        <translation>강아지 모델이 설치되어 있지 않아 일괄 검사를 할 수 없습니다.</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/BatchDialog.cpp" line="99"/>
        <source>Browse...</source>
        <translation>찾아보기...</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/BatchDialog.cpp" line="110"/>
        <source>Photos in</source>
        <translation>사진 폴더</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/BatchDialog.cpp" line="111"/>
        <location filename="../../ui/diagnosis/BatchDialog.cpp" line="226"/>
        <source>CSV results</source>
        <translation>CSV 결과 파일</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/BatchDialog.cpp" line="114"/>
        <source>Save results to</source>
        <translation>결과 저장 대상</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/BatchDialog.cpp" line="117"/>
        <source>Photos already in the CSV are skipped, so a stopped batch goes on where it stopped.</source>
        <translation>CSV에 이미 있는 사진은 건너뛰므로, 멈춘 일괄 검사는 멈춘 곳부터 이어집니다.</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/BatchDialog.cpp" line="120"/>
        <source>Results saved to a pet go to the clinic&apos;s history server; the CSV and reports stay on this computer.</source>
        <translation>반려동물 기록에 저장하는 결과는 병원의 기록 서버로 갑니다. CSV와 보고서는 이 컴퓨터에 남습니다.</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/BatchDialog.cpp" line="122"/>
        <source>Everything stays on this computer.</source>
        <translation>모든 것이 이 컴퓨터에만 남습니다.</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/BatchDialog.cpp" line="193"/>
        <source>Stopping after the current photo...</source>
        <translation>지금 사진을 마치고 멈추는 중...</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/BatchDialog.cpp" line="209"/>
        <source>Stop</source>
        <translation>멈추기</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/BatchDialog.cpp" line="218"/>
        <source>Folder of eye photos</source>
        <translation>눈 사진 폴더</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/BatchDialog.cpp" line="226"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/BatchDialog.cpp" line="233"/>
        <source>Folder for reports</source>
        <translation>보고서 폴더</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/BatchDialog.cpp" line="240"/>
        <source>%1 is not a folder.</source>
        <translation>%1은(는) 폴더가 아닙니다.</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/BatchDialog.cpp" line="249"/>
        <source>en</source>
        <extracomment>The language code of this translation (&quot;ko&quot; for Korean); picks the report language.</extracomment>
        <translation>ko</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/BatchDialog.cpp" line="257"/>
        <source>Loading the model...</source>
        <translation>모델을 불러오는 중...</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/BatchDialog.cpp" line="264"/>
        <source>The model cannot be used: %1</source>
        <translation>모델을 사용할 수 없습니다: %1</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/BatchDialog.cpp" line="285"/>
        <source>%1 of %2 · %3 elapsed, about %4 left · %5</source>
        <translation>%2장 중 %1장 · %3 경과, 약 %4 남음 · %5</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/BatchDialog.cpp" line="303"/>
        <source>%1 photos: %2 screened, %3 without findings (photo not fit to judge), %4 could not be read, %5 skipped (already in the CSV).</source>
        <translation>사진 %1장: %2장 검사, %3장 결과 없음(판단하기 어려운 사진), %4장 읽기 실패, %5장 건너뜀(이미 CSV에 있음).</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/BatchDialog.cpp" line="310"/>
        <source>Stopped. </source>
        <translation>멈췄습니다. </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/diagnosis/BatchDialog.cpp" line="313"/>
        <source>%n result(s) could NOT be saved to the history (status not_saved in the CSV); run the batch again with the same CSV to save them.</source>
        <translation>
            <numerusform>결과 %n개를 기록에 저장하지 못했습니다(CSV의 상태 not_saved). 같은 CSV로 일괄 검사를 다시 실행하면 저장됩니다.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/diagnosis/BatchDialog.cpp" line="318"/>
        <source>%n report(s) could not be written.</source>
        <translation>
            <numerusform>보고서 %n개를 쓰지 못했습니다.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/BatchDialog.cpp" line="319"/>
        <source>Results: %1</source>
        <translation>결과: %1</translation>
    </message>
</context>
<context>
    <name>walness::ui::BothEyesPanel</name>
    <message>
        <location filename="../../ui/diagnosis/BothEyesPanel.cpp" line="155"/>
        <source>Where the model looked for %1</source>
        <translation>모델이 %1을(를) 찾아본 곳</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/BothEyesPanel.cpp" line="197"/>
        <source>Shown below</source>
        <translation>아래에 표시됨</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/BothEyesPanel.cpp" line="197"/>
        <source>Show this eye below</source>
        <translation>이 눈을 아래에 보기</translation>
    </message>
</context>
<context>
    <name>walness::ui::ClinicListModel</name>
    <message>
        <location filename="../../ui/clinics/ClinicListModel.cpp" line="47"/>
        <source>Open now</source>
        <translation>지금 진료 중</translation>
    </message>
    <message>
        <location filename="../../ui/clinics/ClinicListModel.cpp" line="48"/>
        <source>Closed now</source>
        <translation>지금 진료 안 함</translation>
    </message>
    <message>
        <location filename="../../ui/clinics/ClinicListModel.cpp" line="49"/>
        <source>Hours unknown</source>
        <translation>진료 시간 알 수 없음</translation>
    </message>
    <message>
        <location filename="../../ui/clinics/ClinicListModel.cpp" line="50"/>
        <source>24 h / emergency</source>
        <translation>24시간 / 응급</translation>
    </message>
</context>
<context>
    <name>walness::ui::ClinicPanel</name>
    <message>
        <location filename="../../ui/clinics/ClinicPanel.cpp" line="126"/>
        <source>Import LOCALDATA veterinary hospitals</source>
        <translation>LOCALDATA 동물병원 가져오기</translation>
    </message>
    <message>
        <location filename="../../ui/clinics/ClinicPanel.cpp" line="127"/>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV 파일 (*.csv);;모든 파일 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/clinics/ClinicPanel.cpp" line="143"/>
        <source>%1 could not be imported: %2</source>
        <translation>%1을(를) 가져오지 못했습니다: %2</translation>
    </message>
    <message>
        <location filename="../../ui/clinics/ClinicPanel.cpp" line="146"/>
        <source>Imported %1 clinics from %2 (%3 closed and %4 without coordinates skipped).</source>
        <translation>%2에서 동물병원 %1곳을 가져왔습니다(폐업·휴업 %3곳, 좌표 없는 %4곳 제외).</translation>
    </message>
    <message>
        <location filename="../../ui/clinics/ClinicPanel.cpp" line="189"/>
        <source>Your location leaves this computer only when you search for clinics or look up a place. Map tiles come from OpenStreetMap.</source>
        <translation>위치 정보는 동물병원을 검색하거나 장소를 찾을 때만 이 컴퓨터 밖으로 전송됩니다. 지도 타일은 OpenStreetMap에서 받습니다.</translation>
    </message>
    <message>
        <location filename="../../ui/clinics/ClinicPanel.cpp" line="191"/>
        <source>Import LOCALDATA file…</source>
        <translation>LOCALDATA 파일 가져오기…</translation>
    </message>
    <message>
        <location filename="../../ui/clinics/ClinicPanel.cpp" line="193"/>
        <source>Korean veterinary hospitals from localdata.go.kr (동물병원 CSV), kept on this computer.</source>
        <translation>localdata.go.kr의 동물병원 CSV를 이 컴퓨터에 저장해 사용합니다.</translation>
    </message>
    <message>
        <location filename="../../ui/clinics/ClinicPanel.cpp" line="195"/>
        <source>Settings…</source>
        <translation>설정…</translation>
    </message>
</context>
<context>
    <name>walness::ui::ClinicSearch</name>
    <message>
        <location filename="../../ui/clinics/ClinicSearch.cpp" line="51"/>
        <source>Press Search to find clinics near %1.</source>
        <translation>검색을 눌러 %1 주변 동물병원을 찾으세요.</translation>
    </message>
    <message>
        <location filename="../../ui/clinics/ClinicSearch.cpp" line="52"/>
        <source>the marked place</source>
        <translation>표시한 장소</translation>
    </message>
    <message>
        <location filename="../../ui/clinics/ClinicSearch.cpp" line="53"/>
        <source>Type a place, use your location, or right-click the map to choose where to search.</source>
        <translation>장소를 입력하거나, 내 위치를 사용하거나, 지도를 오른쪽 클릭해 검색할 곳을 정하세요.</translation>
    </message>
    <message>
        <location filename="../../ui/clinics/ClinicSearch.cpp" line="61"/>
        <source>Map © OpenStreetMap contributors</source>
        <translation>지도 © OpenStreetMap 기여자</translation>
    </message>
    <message>
        <location filename="../../ui/clinics/ClinicSearch.cpp" line="64"/>
        <source>Clinics: %1</source>
        <translation>동물병원 정보: %1</translation>
    </message>
    <message>
        <location filename="../../ui/clinics/ClinicSearch.cpp" line="95"/>
        <source>Location set to %1. Press Search to find clinics nearby.</source>
        <translation>위치를 %1(으)로 정했습니다. 검색을 눌러 주변 동물병원을 찾으세요.</translation>
    </message>
    <message>
        <location filename="../../ui/clinics/ClinicSearch.cpp" line="102"/>
        <source>Choose a location first: type a place, use your location, or right-click the map.</source>
        <translation>먼저 위치를 정하세요: 장소를 입력하거나, 내 위치를 사용하거나, 지도를 오른쪽 클릭하세요.</translation>
    </message>
    <message>
        <location filename="../../ui/clinics/ClinicSearch.cpp" line="111"/>
        <source>Searching within %1 km of %2…</source>
        <translation>%2 반경 %1km 안에서 검색 중…</translation>
    </message>
    <message>
        <location filename="../../ui/clinics/ClinicSearch.cpp" line="122"/>
        <source>The search was cancelled.</source>
        <translation>검색을 취소했습니다.</translation>
    </message>
    <message>
        <location filename="../../ui/clinics/ClinicSearch.cpp" line="148"/>
        <source>No clinics found within %1 km. Try a larger radius.</source>
        <translation>%1km 안에서 동물병원을 찾지 못했습니다. 반경을 넓혀 보세요.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/clinics/ClinicSearch.cpp" line="149"/>
        <source>%n clinic(s) within %1 km.</source>
        <translation>
            <numerusform>%1km 안에 동물병원 %n곳.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/clinics/ClinicSearch.cpp" line="206"/>
        <source>Location access was not allowed. Type a place or right-click the map.</source>
        <translation>위치 접근이 허용되지 않았습니다. 장소를 입력하거나 지도를 오른쪽 클릭하세요.</translation>
    </message>
    <message>
        <location filename="../../ui/clinics/ClinicSearch.cpp" line="211"/>
        <source>Location access is turned off for Walness in the system settings. Type a place or right-click the map.</source>
        <translation>시스템 설정에서 Walness의 위치 접근이 꺼져 있습니다. 장소를 입력하거나 지도를 오른쪽 클릭하세요.</translation>
    </message>
    <message>
        <location filename="../../ui/clinics/ClinicSearch.cpp" line="225"/>
        <source>This computer offers no location service. Type a place or right-click the map.</source>
        <translation>이 컴퓨터에는 위치 서비스가 없습니다. 장소를 입력하거나 지도를 오른쪽 클릭하세요.</translation>
    </message>
    <message>
        <location filename="../../ui/clinics/ClinicSearch.cpp" line="233"/>
        <source>your location</source>
        <translation>내 위치</translation>
    </message>
    <message>
        <location filename="../../ui/clinics/ClinicSearch.cpp" line="238"/>
        <source>Your location could not be found. Type a place or right-click the map.</source>
        <translation>위치를 찾지 못했습니다. 장소를 입력하거나 지도를 오른쪽 클릭하세요.</translation>
    </message>
    <message>
        <location filename="../../ui/clinics/ClinicSearch.cpp" line="241"/>
        <source>Finding your location…</source>
        <translation>위치를 찾는 중…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/clinics/ClinicSearch.cpp" line="175"/>
        <source>Showing %n clinic(s) saved from earlier searches (since %1); details may be out of date.</source>
        <translation>
            <numerusform>이전 검색에서 저장한 동물병원 %n곳을 보여 줍니다(%1부터 저장). 정보가 오래되었을 수 있습니다.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>walness::ui::ClinicSettingsDialog</name>
    <message>
        <location filename="../../ui/clinics/ClinicSettingsDialog.cpp" line="32"/>
        <source>Save key</source>
        <translation>키 저장</translation>
    </message>
    <message>
        <location filename="../../ui/clinics/ClinicSettingsDialog.cpp" line="33"/>
        <source>Remove key</source>
        <translation>키 삭제</translation>
    </message>
    <message>
        <location filename="../../ui/clinics/ClinicSettingsDialog.cpp" line="38"/>
        <source>Clinic search settings</source>
        <translation>동물병원 검색 설정</translation>
    </message>
    <message>
        <location filename="../../ui/clinics/ClinicSettingsDialog.cpp" line="42"/>
        <location filename="../../ui/clinics/ClinicSettingsDialog.cpp" line="101"/>
        <source>A key is set</source>
        <translation>키가 설정됨</translation>
    </message>
    <message>
        <location filename="../../ui/clinics/ClinicSettingsDialog.cpp" line="42"/>
        <location filename="../../ui/clinics/ClinicSettingsDialog.cpp" line="109"/>
        <source>No key</source>
        <translation>키 없음</translation>
    </message>
    <message>
        <location filename="../../ui/clinics/ClinicSettingsDialog.cpp" line="43"/>
        <source>Google Places API key</source>
        <translation>Google Places API 키</translation>
    </message>
    <message>
        <location filename="../../ui/clinics/ClinicSettingsDialog.cpp" line="48"/>
        <source>Optional. Without a key, clinics come from OpenStreetMap. With one, Google Places results (ratings, opening hours) are added. The key is kept in the system keychain.</source>
        <translation>선택 사항입니다. 키가 없으면 OpenStreetMap에서 동물병원을 찾습니다. 키가 있으면 Google Places 결과(평점, 진료 시간)가 추가됩니다. 키는 시스템 키체인에 보관됩니다.</translation>
    </message>
    <message>
        <location filename="../../ui/clinics/ClinicSettingsDialog.cpp" line="57"/>
        <source> km</source>
        <translation> km</translation>
    </message>
    <message>
        <location filename="../../ui/clinics/ClinicSettingsDialog.cpp" line="65"/>
        <source>Leave empty for OpenStreetMap&apos;s tiles. Takes effect the next time Walness starts.</source>
        <translation>비워 두면 OpenStreetMap 타일을 사용합니다. Walness를 다시 시작하면 적용됩니다.</translation>
    </message>
    <message>
        <location filename="../../ui/clinics/ClinicSettingsDialog.cpp" line="70"/>
        <source>Google Places API key:</source>
        <translation>Google Places API 키:</translation>
    </message>
    <message>
        <location filename="../../ui/clinics/ClinicSettingsDialog.cpp" line="72"/>
        <source>Search radius:</source>
        <translation>검색 반경:</translation>
    </message>
    <message>
        <location filename="../../ui/clinics/ClinicSettingsDialog.cpp" line="73"/>
        <source>Map tile server:</source>
        <translation>지도 타일 서버:</translation>
    </message>
    <message>
        <location filename="../../ui/clinics/ClinicSettingsDialog.cpp" line="93"/>
        <source>Type or paste the key first.</source>
        <translation>먼저 키를 입력하거나 붙여 넣으세요.</translation>
    </message>
    <message>
        <location filename="../../ui/clinics/ClinicSettingsDialog.cpp" line="102"/>
        <source>Saved in the system keychain.</source>
        <translation>시스템 키체인에 저장했습니다.</translation>
    </message>
    <message>
        <location filename="../../ui/clinics/ClinicSettingsDialog.cpp" line="110"/>
        <source>Removed. Clinics now come from OpenStreetMap only.</source>
        <translation>삭제했습니다. 이제 OpenStreetMap에서만 동물병원을 찾습니다.</translation>
    </message>
</context>
<context>
    <name>walness::ui::CompareDialog</name>
    <message>
        <location filename="../../ui/history/CompareDialog.cpp" line="45"/>
        <source>Compare two diagnoses</source>
        <translation>두 검사 비교</translation>
    </message>
    <message>
        <location filename="../../ui/history/CompareDialog.cpp" line="64"/>
        <source>Eye on the left of the photo</source>
        <translation>사진 왼쪽의 눈</translation>
    </message>
    <message>
        <location filename="../../ui/history/CompareDialog.cpp" line="66"/>
        <source>Eye on the right of the photo</source>
        <translation>사진 오른쪽의 눈</translation>
    </message>
    <message>
        <location filename="../../ui/history/CompareDialog.cpp" line="76"/>
        <source>Photo not available</source>
        <translation>사진 없음</translation>
    </message>
    <message>
        <location filename="../../ui/history/CompareDialog.cpp" line="77"/>
        <source>No heatmap kept</source>
        <translation>저장된 히트맵 없음</translation>
    </message>
    <message>
        <location filename="../../ui/history/CompareDialog.cpp" line="85"/>
        <source>No findings: the photo could not be judged.</source>
        <translation>결과 없음: 사진으로 판단할 수 없었습니다.</translation>
    </message>
    <message>
        <location filename="../../ui/history/CompareDialog.cpp" line="121"/>
        <source>%1: %2% → %3%</source>
        <translation>%1: %2% → %3%</translation>
    </message>
    <message>
        <location filename="../../ui/history/CompareDialog.cpp" line="130"/>
        <source>No disease was scored in both diagnoses.</source>
        <translation>두 검사에 공통으로 점수가 매겨진 질환이 없습니다.</translation>
    </message>
    <message>
        <location filename="../../ui/history/CompareDialog.cpp" line="132"/>
        <source>Probabilities from a screening model: a change can come from the photo (light, angle, focus) as well as from the eye.</source>
        <translation>선별 모델의 확률입니다. 변화는 눈 상태뿐 아니라 사진(조명, 각도, 초점) 때문일 수도 있습니다.</translation>
    </message>
    <message>
        <location filename="../../ui/history/CompareDialog.cpp" line="90"/>
        <source>Not confirmed by a vet.</source>
        <translation>수의사 확인 없음.</translation>
    </message>
    <message>
        <location filename="../../ui/history/CompareDialog.cpp" line="92"/>
        <source>Vet (%1): %2</source>
        <translation>수의사(%1): %2</translation>
    </message>
</context>
<context>
    <name>walness::ui::ConfirmationDialog</name>
    <message>
        <location filename="../../ui/history/ConfirmationDialog.cpp" line="61"/>
        <source>Vet&apos;s confirmation</source>
        <translation>수의사 확인</translation>
    </message>
    <message>
        <location filename="../../ui/history/ConfirmationDialog.cpp" line="80"/>
        <source>Check of %1, screened by %2 %3. Enter what the examination showed; the model&apos;s probabilities are shown for comparison only.</source>
        <translation>%1 검사, %2 %3 모델로 선별. 진찰 결과를 입력하세요. 모델의 확률은 비교용으로만 보여 줍니다.</translation>
    </message>
    <message>
        <location filename="../../ui/history/ConfirmationDialog.cpp" line="92"/>
        <source>Disease</source>
        <translation>질환</translation>
    </message>
    <message>
        <location filename="../../ui/history/ConfirmationDialog.cpp" line="92"/>
        <source>The model</source>
        <translation>모델</translation>
    </message>
    <message>
        <location filename="../../ui/history/ConfirmationDialog.cpp" line="92"/>
        <source>Vet&apos;s finding</source>
        <translation>수의사 소견</translation>
    </message>
    <message>
        <location filename="../../ui/history/ConfirmationDialog.cpp" line="92"/>
        <source>Grade (optional)</source>
        <translation>등급(선택)</translation>
    </message>
    <message>
        <location filename="../../ui/history/ConfirmationDialog.cpp" line="119"/>
        <source>no findings</source>
        <translation>결과 없음</translation>
    </message>
    <message>
        <location filename="../../ui/history/ConfirmationDialog.cpp" line="120"/>
        <source>not checked</source>
        <translation>확인 안 함</translation>
    </message>
    <message>
        <location filename="../../ui/history/ConfirmationDialog.cpp" line="122"/>
        <source>Not examined</source>
        <translation>검사 안 함</translation>
    </message>
    <message>
        <location filename="../../ui/history/ConfirmationDialog.cpp" line="123"/>
        <source>Found</source>
        <translation>있음</translation>
    </message>
    <message>
        <location filename="../../ui/history/ConfirmationDialog.cpp" line="124"/>
        <source>Not found</source>
        <translation>없음</translation>
    </message>
    <message>
        <location filename="../../ui/history/ConfirmationDialog.cpp" line="128"/>
        <source>mild</source>
        <translation>경증</translation>
    </message>
    <message>
        <location filename="../../ui/history/ConfirmationDialog.cpp" line="128"/>
        <source>moderate</source>
        <translation>중등도</translation>
    </message>
    <message>
        <location filename="../../ui/history/ConfirmationDialog.cpp" line="128"/>
        <source>severe</source>
        <translation>중증</translation>
    </message>
    <message>
        <location filename="../../ui/history/ConfirmationDialog.cpp" line="135"/>
        <source>Name of the vet who examined the pet</source>
        <translation>진찰한 수의사 이름</translation>
    </message>
    <message>
        <location filename="../../ui/history/ConfirmationDialog.cpp" line="217"/>
        <source>%1 found</source>
        <translation>%1 있음</translation>
    </message>
    <message>
        <location filename="../../ui/history/ConfirmationDialog.cpp" line="218"/>
        <source>%1 not found</source>
        <translation>%1 없음</translation>
    </message>
    <message>
        <location filename="../../ui/history/ConfirmationDialog.cpp" line="161"/>
        <source>Revision %1, %2 by %3: %4</source>
        <translation>%1번째 수정, %2 %3: %4</translation>
    </message>
    <message>
        <location filename="../../ui/history/ConfirmationDialog.cpp" line="166"/>
        <source>Saved answers (newest first; saving adds a revision):</source>
        <translation>저장된 확인 (최신순, 저장하면 새 수정본이 추가됩니다):</translation>
    </message>
    <message>
        <location filename="../../ui/history/ConfirmationDialog.cpp" line="151"/>
        <source>Not confirmed yet.</source>
        <translation>아직 확인되지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../ui/history/ConfirmationDialog.cpp" line="172"/>
        <source>Examined by:</source>
        <translation>진찰한 수의사:</translation>
    </message>
    <message>
        <location filename="../../ui/history/ConfirmationDialog.cpp" line="173"/>
        <source>Note:</source>
        <translation>메모:</translation>
    </message>
    <message>
        <location filename="../../ui/history/ConfirmationDialog.cpp" line="202"/>
        <source>Not saved. Everything you entered is kept; press Save to try again.
%1</source>
        <translation>저장되지 않았습니다. 입력한 내용은 모두 그대로 있습니다. 저장을 눌러 다시 시도하세요.
%1</translation>
    </message>
    <message>
        <location filename="../../ui/history/ConfirmationDialog.cpp" line="189"/>
        <source>Saving...</source>
        <translation>저장하는 중...</translation>
    </message>
    <message>
        <location filename="../../ui/history/ConfirmationDialog.cpp" line="268"/>
        <source>Enter who examined the pet to save.</source>
        <translation>저장하려면 진찰한 수의사 이름을 입력하세요.</translation>
    </message>
    <message>
        <location filename="../../ui/history/ConfirmationDialog.cpp" line="269"/>
        <source>Mark at least one disease as found or not found to save.</source>
        <translation>저장하려면 질환 하나 이상을 있음 또는 없음으로 표시하세요.</translation>
    </message>
</context>
<context>
    <name>walness::ui::DiagnosisController</name>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisController.cpp" line="70"/>
        <source>No model for %1 eyes is installed.</source>
        <translation>%1 눈 모델이 설치되어 있지 않습니다.</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisController.cpp" line="71"/>
        <source>dog</source>
        <translation>강아지</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisController.cpp" line="71"/>
        <source>cat</source>
        <translation>고양이</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisController.cpp" line="75"/>
        <source>Loading the model...</source>
        <translation>모델을 불러오는 중...</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisController.cpp" line="87"/>
        <source>Looking at the eye on the left of the photo...</source>
        <translation>사진 왼쪽의 눈을 살펴보는 중...</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisController.cpp" line="88"/>
        <source>Looking at the eye on the right of the photo...</source>
        <translation>사진 오른쪽의 눈을 살펴보는 중...</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisController.cpp" line="89"/>
        <source>Looking at the photo...</source>
        <translation>사진을 살펴보는 중...</translation>
    </message>
</context>
<context>
    <name>walness::ui::DiagnosisPage</name>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisPage.cpp" line="256"/>
        <source>Photos (%1)</source>
        <translation>사진 (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisPage.cpp" line="263"/>
        <source>Open a photo of the eye</source>
        <translation>눈 사진 열기</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisPage.cpp" line="159"/>
        <source>Could not open the photo</source>
        <translation>사진을 열 수 없습니다</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisPage.cpp" line="420"/>
        <source>Photo loaded</source>
        <translation>사진을 불러왔습니다</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisPage.cpp" line="390"/>
        <source>My pet is a</source>
        <translation>반려동물 종류</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisPage.cpp" line="391"/>
        <source>Open photo...</source>
        <translation>사진 열기...</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisPage.cpp" line="416"/>
        <source>No result yet</source>
        <translation>아직 결과가 없습니다</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisPage.cpp" line="417"/>
        <source>Choose dog or cat, then open a photo of the eye. Walness checks it for signs of eye disease and explains what it sees.</source>
        <translation>강아지 또는 고양이를 고른 뒤 눈 사진을 열어 주세요. Walness가 안과 질환의 징후를 살펴보고 무엇을 보았는지 설명합니다.</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisPage.cpp" line="384"/>
        <source>Photos are analysed on this computer and never uploaded. Walness is a screening aid, not a veterinary diagnosis.</source>
        <translation>사진은 이 컴퓨터에서만 분석되며 업로드되지 않습니다. Walness는 선별 검사 도구이며 수의사의 진단을 대신하지 않습니다.</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisPage.cpp" line="189"/>
        <source>Analysing...</source>
        <translation>분석 중...</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisPage.cpp" line="210"/>
        <source>The photo could not be analysed</source>
        <translation>사진을 분석하지 못했습니다</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisPage.cpp" line="215"/>
        <source>Analysis cancelled</source>
        <translation>분석을 취소했습니다</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisPage.cpp" line="235"/>
        <source>en</source>
        <extracomment>The language code of this translation (&quot;ko&quot; for Korean); picks disease texts.</extracomment>
        <translation>ko</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisResultPane.cpp" line="33"/>
        <source>dog</source>
        <translation>강아지</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisResultPane.cpp" line="34"/>
        <source>cat</source>
        <translation>고양이</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/BothEyesPanel.cpp" line="131"/>
        <location filename="../../ui/diagnosis/DiagnosisResultPane.cpp" line="173"/>
        <source>Signs consistent with %1: %2</source>
        <translation>%1 의심 소견: %2</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/BothEyesPanel.cpp" line="135"/>
        <location filename="../../ui/diagnosis/DiagnosisResultPane.cpp" line="176"/>
        <source>No disease this model checks is above its threshold</source>
        <translation>이 모델이 확인하는 질환 중 기준을 넘는 것이 없습니다</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisResultPane.cpp" line="178"/>
        <source>This does not mean the eye is healthy: the model cannot confirm a healthy eye. If your pet squints, rubs the eye or the eye looks different, see a vet.</source>
        <translation>눈이 건강하다는 뜻은 아닙니다. 모델은 건강한 눈을 확인할 수 없습니다. 눈을 찡그리거나 비비거나 평소와 달라 보이면 동물병원에 가세요.</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisResultPane.cpp" line="185"/>
        <source>The photo has problems; the result may be less reliable.</source>
        <translation>사진에 문제가 있어 결과의 신뢰도가 낮을 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisResultPane.cpp" line="243"/>
        <source>Model %1 %2 checks %3 eyes for: %4. It cannot confirm that an eye is healthy. Walness is a screening aid, not a veterinary diagnosis.</source>
        <translation>모델 %1 %2은(는) %3 눈에서 다음 질환을 확인합니다: %4. 눈이 건강하다는 것은 확인할 수 없습니다. Walness는 선별 보조 도구이며 수의사의 진단이 아닙니다.</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisPage.cpp" line="400"/>
        <source>Analyze</source>
        <translation>분석</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisPage.cpp" line="401"/>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisHeatmapPane.cpp" line="190"/>
        <source>Heatmap for</source>
        <translation>히트맵 질환</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisHeatmapPane.cpp" line="191"/>
        <source>Opacity</source>
        <translation>불투명도</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisHeatmapPane.cpp" line="193"/>
        <source>Disease shown in the heatmap</source>
        <translation>히트맵에 표시할 질환</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisHeatmapPane.cpp" line="195"/>
        <source>Heatmap method</source>
        <translation>히트맵 방법</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisHeatmapPane.cpp" line="197"/>
        <source>Heatmap opacity</source>
        <translation>히트맵 불투명도</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisResultPane.cpp" line="277"/>
        <source>Probability per disease</source>
        <translation>질환별 확률</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisPage.cpp" line="409"/>
        <source>No cat eye model yet</source>
        <translation>아직 고양이 눈 모델이 없습니다</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisPage.cpp" line="409"/>
        <source>No dog eye model installed</source>
        <translation>강아지 눈 모델이 설치되어 있지 않습니다</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisPage.cpp" line="411"/>
        <source>Walness has no model for cats yet: no labelled cat eye photos were available to train one. Choose Dog to screen a dog&apos;s eye.</source>
        <translation>Walness에는 아직 고양이 모델이 없습니다. 학습에 쓸 라벨이 달린 고양이 눈 사진을 구하지 못했습니다. 강아지 눈을 살펴보려면 강아지를 선택하세요.</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisPage.cpp" line="413"/>
        <source>Install a model bundle (see Help) to screen dog eyes.</source>
        <translation>강아지 눈을 살펴보려면 모델 번들을 설치하세요(도움말 참고).</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisResultPane.cpp" line="275"/>
        <source>Find a vet nearby</source>
        <translation>가까운 동물병원 찾기</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisPage.cpp" line="166"/>
        <source>Eye square changed</source>
        <translation>눈 영역이 바뀌었습니다</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisPage.cpp" line="167"/>
        <source>Press Analyze to check the new square.</source>
        <translation>새 영역을 확인하려면 분석을 누르세요.</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisPhotoPane.cpp" line="119"/>
        <source>%1 is not a photo Walness can use.</source>
        <translation>%1은(는) Walness가 사용할 수 있는 사진이 아닙니다.</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisPage.cpp" line="276"/>
        <source>Pasted image</source>
        <translation>붙여 넣은 이미지</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisPage.cpp" line="291"/>
        <source>Dropped image</source>
        <translation>끌어 놓은 이미지</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisPhotoPane.cpp" line="212"/>
        <source>Clear the list</source>
        <translation>목록 지우기</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisHeatmapPane.cpp" line="116"/>
        <source>No model installed</source>
        <translation>설치된 모델 없음</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisHeatmapPane.cpp" line="163"/>
        <source>Analyze to see where the model looked</source>
        <translation>분석하면 모델이 어디를 보았는지 보여 줍니다</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisPageSaving.cpp" line="79"/>
        <source>Save the result</source>
        <translation>결과 저장</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisPageSaving.cpp" line="77"/>
        <source>PNG image with JSON beside it (*.png)</source>
        <translation>PNG 이미지와 JSON 파일 (*.png)</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisPageSaving.cpp" line="99"/>
        <source>Saved %1 and %2.</source>
        <translation>%1, %2을(를) 저장했습니다.</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisPageSaving.cpp" line="119"/>
        <location filename="../../ui/diagnosis/DiagnosisPageSaving.cpp" line="130"/>
        <source>There is no result to save yet.</source>
        <translation>아직 저장할 결과가 없습니다.</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisPageSaving.cpp" line="135"/>
        <source>Could not save the result: %1</source>
        <translation>결과를 저장하지 못했습니다: %1</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisPageSaving.cpp" line="172"/>
        <source>Not saved to %1&apos;s history. The result and your notes are kept: press &quot;Retry saving&quot; when the history can be reached again.</source>
        <translation>%1의 기록에 저장되지 않았습니다. 결과와 메모는 그대로 있습니다. 기록에 다시 연결되면 &quot;다시 저장&quot;을 누르세요.</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisPageSaving.cpp" line="179"/>
        <source>Saved both eyes to %1&apos;s history, as one visit.</source>
        <translation>두 눈을 한 번의 방문으로 %1의 기록에 저장했습니다.</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisPageSaving.cpp" line="186"/>
        <source>Retry saving</source>
        <translation>다시 저장</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisPageSaving.cpp" line="189"/>
        <source>Save this result to %1&apos;s history again, with the same notes; it is stored once however often you retry.</source>
        <translation>같은 메모로 이 결과를 %1의 기록에 다시 저장합니다. 몇 번을 다시 시도해도 한 번만 저장됩니다.</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisResultPane.cpp" line="253"/>
        <source>&lt;b&gt;This photo is not ideal.&lt;/b&gt; %1 For a more reliable result, take the photo again: close to one eye, in focus, in soft daylight.</source>
        <translation>&lt;b&gt;사진 상태가 좋지 않습니다.&lt;/b&gt; %1 더 믿을 만한 결과를 얻으려면 한쪽 눈에 가까이, 초점을 맞춰, 부드러운 자연광에서 다시 찍어 주세요.</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisPage.cpp" line="393"/>
        <source>Open a photo (Ctrl+O). You can also drop a photo here or paste one (Ctrl+V).</source>
        <translation>사진 열기(Ctrl+O). 사진을 여기에 끌어 놓거나 붙여 넣을(Ctrl+V) 수도 있습니다.</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisPage.cpp" line="395"/>
        <source>Recent</source>
        <translation>최근</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisPage.cpp" line="396"/>
        <source>Recent photos</source>
        <translation>최근 사진</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisPage.cpp" line="397"/>
        <source>Save result...</source>
        <translation>결과 저장...</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisPage.cpp" line="398"/>
        <source>Save the heatmap as PNG and the findings as JSON (Ctrl+S).</source>
        <translation>히트맵은 PNG로, 소견은 JSON으로 저장합니다(Ctrl+S).</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisResultPane.cpp" line="271"/>
        <source>Open another photo</source>
        <translation>다른 사진 열기</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisResultPane.cpp" line="273"/>
        <source>Keep this result</source>
        <translation>이 결과 유지</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisHeatmapPane.cpp" line="187"/>
        <source>What the model sees</source>
        <translation>모델이 보는 영역</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisHeatmapPane.cpp" line="189"/>
        <source>Where it looked</source>
        <translation>모델이 주목한 곳</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisPhotoPane.cpp" line="223"/>
        <source>Photo with the eye square</source>
        <translation>눈 영역이 표시된 사진</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisPhotoPane.cpp" line="224"/>
        <source>Drag the square onto the eye; drag a corner to resize it. Wheel to zoom, drag outside the square to pan, double-click to fit.</source>
        <translation>사각형을 눈 위로 끌어 놓고, 모서리를 끌어 크기를 바꾸세요. 휠로 확대하고, 사각형 밖을 끌어 이동하며, 두 번 클릭하면 전체가 보입니다.</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisPhotoPane.cpp" line="228"/>
        <source>No photo yet.
Open a close-up photo of your pet&apos;s eye, drop one here or paste it.</source>
        <translation>아직 사진이 없습니다.
반려동물의 눈을 가까이 찍은 사진을 열거나, 여기에 끌어 놓거나, 붙여 넣으세요.</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisPage.cpp" line="421"/>
        <source>%1 (%2 x %3 pixels). Check that the square covers the eye, then press Analyze.</source>
        <translation>%1 (%2 x %3 픽셀). 사각형이 눈을 덮는지 확인한 뒤 분석을 누르세요.</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisPageSaving.cpp" line="180"/>
        <source>Saved to %1&apos;s history.</source>
        <translation>%1의 기록에 저장했습니다.</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisPageSaving.cpp" line="199"/>
        <source>Could not save to the history: %1</source>
        <translation>기록에 저장하지 못했습니다: %1</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisPageSaving.cpp" line="202"/>
        <source>there is no result yet.</source>
        <translation>아직 결과가 없습니다.</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisPageSaving.cpp" line="186"/>
        <source>Save to pet...</source>
        <translation>반려동물 기록에 저장...</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisPageSaving.cpp" line="192"/>
        <source>Keep this result in a pet&apos;s history to follow the eye over time (Ctrl+Shift+S).</source>
        <translation>이 결과를 반려동물 기록에 저장해 눈 상태를 시간에 따라 살펴봅니다 (Ctrl+Shift+S).</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisPageSaving.cpp" line="81"/>
        <source>PDF report for the vet (*.pdf)</source>
        <translation>수의사용 PDF 보고서 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisPageSaving.cpp" line="82"/>
        <source>Web page report (*.html)</source>
        <translation>웹 페이지 보고서 (*.html)</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisPageSaving.cpp" line="92"/>
        <source>Saved %1.</source>
        <translation>%1을(를) 저장했습니다.</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisPageSaving.cpp" line="124"/>
        <source>Could not save the report: %1</source>
        <translation>보고서를 저장하지 못했습니다: %1</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisResultPane.cpp" line="218"/>
        <source>You chose %1, but the photo looks like a %2&apos;s eye. If your pet is a %2, switch and analyse again.</source>
        <translation>%1(을)를 선택했지만 사진은 %2의 눈으로 보입니다. 반려동물이 %2(이)라면 바꾸어 다시 분석하세요.</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisResultPane.cpp" line="215"/>
        <source>Switch to Cat and analyse</source>
        <translation>고양이로 바꾸어 분석</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisResultPane.cpp" line="216"/>
        <source>Switch to Dog and analyse</source>
        <translation>강아지로 바꾸어 분석</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisResultPane.cpp" line="205"/>
        <source>Walness has no model for cats&apos; eyes yet, so it gives no findings for this photo. If this is a dog, use a closer photo of its eye.</source>
        <translation>Walness에는 아직 고양이 눈 모델이 없어 이 사진에는 결과를 드리지 않습니다. 강아지라면 눈을 더 가까이 찍은 사진을 사용하세요.</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/DiagnosisResultPane.cpp" line="209"/>
        <source>Walness has no model for dogs&apos; eyes installed, so it gives no findings for this photo.</source>
        <translation>Walness에 강아지 눈 모델이 설치되어 있지 않아 이 사진에는 결과를 드리지 않습니다.</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/ScreenedEye.cpp" line="10"/>
        <source>Eye on the left of the photo</source>
        <translation>사진 왼쪽의 눈</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/ScreenedEye.cpp" line="13"/>
        <source>Eye on the right of the photo</source>
        <translation>사진 오른쪽의 눈</translation>
    </message>
</context>
<context>
    <name>walness::ui::EyeFinderBar</name>
    <message>
        <location filename="../../ui/diagnosis/EyeFinderBar.cpp" line="69"/>
        <source>Next eye</source>
        <translation>다음 눈</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/EyeFinderBar.cpp" line="70"/>
        <source>Move the square to the next place that looks like an eye</source>
        <translation>눈처럼 보이는 다음 곳으로 사각형을 옮깁니다</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/EyeFinderBar.cpp" line="77"/>
        <source>Looking for the eye...</source>
        <translation>눈을 찾는 중...</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/EyeFinderBar.cpp" line="81"/>
        <source>Both eyes found: Analyze screens both (the other eye is dashed). Drag the square off the eyes to check one place only.</source>
        <translation>두 눈을 찾았습니다: 분석하면 두 눈을 모두 검사합니다(다른 눈은 점선). 한 곳만 검사하려면 사각형을 눈 밖으로 옮기세요.</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/EyeFinderBar.cpp" line="84"/>
        <source>Eye found (%1 of %2). Drag the square if it is not on the eye.</source>
        <translation>눈을 찾았습니다 (%2곳 중 %1번째). 사각형이 눈 위에 있지 않으면 끌어서 옮기세요.</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/EyeFinderBar.cpp" line="87"/>
        <source>Eye found. Drag the square if it is not on the eye.</source>
        <translation>눈을 찾았습니다. 사각형이 눈 위에 있지 않으면 끌어서 옮기세요.</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/EyeFinderBar.cpp" line="98"/>
        <source>Drag the square onto one eye.</source>
        <translation>사각형을 한쪽 눈 위로 끌어 놓으세요.</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/EyeFinderBar.cpp" line="92"/>
        <source>No dog&apos;s eye found in this photo. Drag the square onto the eye yourself, or take a photo closer to one eye.</source>
        <translation>이 사진에서 강아지의 눈을 찾지 못했습니다. 사각형을 직접 눈 위로 끌어 놓거나, 한쪽 눈을 더 가까이 찍어 주세요.</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/EyeFinderBar.cpp" line="94"/>
        <source>No cat&apos;s eye found in this photo. Drag the square onto the eye yourself, or take a photo closer to one eye.</source>
        <translation>이 사진에서 고양이의 눈을 찾지 못했습니다. 사각형을 직접 눈 위로 끌어 놓거나, 한쪽 눈을 더 가까이 찍어 주세요.</translation>
    </message>
</context>
<context>
    <name>walness::ui::HistoryDatabase</name>
    <message>
        <location filename="../../ui/history/HistoryDatabase.cpp" line="64"/>
        <location filename="../../ui/history/HistoryDatabase.cpp" line="98"/>
        <source>The history at %1 cannot be opened: %2</source>
        <translation>%1의 기록을 열 수 없습니다: %2</translation>
    </message>
</context>
<context>
    <name>walness::ui::HistoryPage</name>
    <message>
        <location filename="../../ui/history/HistoryPage.cpp" line="217"/>
        <source>en</source>
        <extracomment>The language code of this translation (&quot;ko&quot; for Korean); picks report and disease texts.</extracomment>
        <translation>ko</translation>
    </message>
    <message>
        <location filename="../../ui/history/HistoryPage.cpp" line="302"/>
        <source>cat</source>
        <translation>고양이</translation>
    </message>
    <message>
        <location filename="../../ui/history/HistoryPage.cpp" line="302"/>
        <source>dog</source>
        <translation>강아지</translation>
    </message>
    <message>
        <location filename="../../ui/history/HistoryPage.cpp" line="304"/>
        <source>born %1</source>
        <translation>%1년생</translation>
    </message>
    <message>
        <location filename="../../ui/history/HistoryPage.cpp" line="340"/>
        <source>&lt;h3&gt;No pets yet&lt;/h3&gt;&lt;p&gt;Open a photo on the Eye check page, analyse it, then use &lt;b&gt;Save to pet...&lt;/b&gt; to start a pet&apos;s history.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;아직 반려동물이 없습니다&lt;/h3&gt;&lt;p&gt;눈 검사 화면에서 사진을 열어 분석한 뒤 &lt;b&gt;반려동물 기록에 저장...&lt;/b&gt;을 누르면 기록이 시작됩니다.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/history/HistoryPage.cpp" line="352"/>
        <source>Eye checks saved: %1</source>
        <translation>저장된 눈 검사: %1건</translation>
    </message>
    <message>
        <location filename="../../ui/history/HistoryPage.cpp" line="365"/>
        <source>no findings (photo)</source>
        <translation>결과 없음(사진)</translation>
    </message>
    <message>
        <location filename="../../ui/history/HistoryPage.cpp" line="371"/>
        <source>none above threshold</source>
        <translation>기준 초과 없음</translation>
    </message>
    <message>
        <location filename="../../ui/history/HistoryPage.cpp" line="446"/>
        <source>Report on selected...</source>
        <translation>선택한 검사 보고서...</translation>
    </message>
    <message>
        <location filename="../../ui/history/HistoryPage.cpp" line="446"/>
        <source>Report...</source>
        <translation>보고서...</translation>
    </message>
    <message>
        <location filename="../../ui/history/HistoryPageEdits.cpp" line="44"/>
        <source>New pet</source>
        <translation>새 반려동물</translation>
    </message>
    <message>
        <location filename="../../ui/history/HistoryPageEdits.cpp" line="44"/>
        <source>Edit pet</source>
        <translation>반려동물 정보 수정</translation>
    </message>
    <message>
        <location filename="../../ui/history/HistoryPageEdits.cpp" line="47"/>
        <source>Dog</source>
        <translation>강아지</translation>
    </message>
    <message>
        <location filename="../../ui/history/HistoryPageEdits.cpp" line="48"/>
        <source>Cat</source>
        <translation>고양이</translation>
    </message>
    <message>
        <location filename="../../ui/history/HistoryPageEdits.cpp" line="53"/>
        <source>unknown</source>
        <translation>모름</translation>
    </message>
    <message>
        <location filename="../../ui/history/HistoryPageEdits.cpp" line="57"/>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <location filename="../../ui/history/HistoryPageEdits.cpp" line="58"/>
        <source>Species</source>
        <translation>종류</translation>
    </message>
    <message>
        <location filename="../../ui/history/HistoryPageEdits.cpp" line="59"/>
        <source>Breed</source>
        <translation>품종</translation>
    </message>
    <message>
        <location filename="../../ui/history/HistoryPageEdits.cpp" line="60"/>
        <source>Birth year</source>
        <translation>출생 연도</translation>
    </message>
    <message>
        <location filename="../../ui/history/HistoryPageEdits.cpp" line="61"/>
        <source>Notes</source>
        <translation>메모</translation>
    </message>
    <message>
        <location filename="../../ui/history/HistoryPageEdits.cpp" line="113"/>
        <source>Delete %1</source>
        <translation>%1 삭제</translation>
    </message>
    <message>
        <location filename="../../ui/history/HistoryPageEdits.cpp" line="107"/>
        <source>%1 was deleted with its history. Undo brings it back (Ctrl+Z) until Walness is closed.</source>
        <translation>%1와(과) 그 기록을 삭제했습니다. Walness를 닫기 전까지 실행 취소(Ctrl+Z)로 되돌릴 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../ui/history/HistoryPageEdits.cpp" line="141"/>
        <source>Delete eye checks (%1)</source>
        <translation>눈 검사 삭제 (%1건)</translation>
    </message>
    <message>
        <location filename="../../ui/history/HistoryPageEdits.cpp" line="137"/>
        <source>Eye checks deleted: %1. Undo brings them back (Ctrl+Z).</source>
        <translation>눈 검사 %1건을 삭제했습니다. 실행 취소(Ctrl+Z)로 되돌릴 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../ui/history/HistoryPageFiles.cpp" line="24"/>
        <source>Writing the report...</source>
        <translation>보고서를 만드는 중...</translation>
    </message>
    <message>
        <location filename="../../ui/history/HistoryPageFiles.cpp" line="31"/>
        <source>Report saved: %1</source>
        <translation>보고서를 저장했습니다: %1</translation>
    </message>
    <message>
        <location filename="../../ui/history/HistoryPageFiles.cpp" line="32"/>
        <source>The report could not be written: %1</source>
        <translation>보고서를 저장하지 못했습니다: %1</translation>
    </message>
    <message>
        <location filename="../../ui/history/HistoryPageFiles.cpp" line="56"/>
        <source>Save a report for the vet</source>
        <translation>수의사에게 줄 보고서 저장</translation>
    </message>
    <message>
        <location filename="../../ui/history/HistoryPageFiles.cpp" line="59"/>
        <source>PDF document (*.pdf);;Web page (*.html);;JSON data (*.json)</source>
        <translation>PDF 문서 (*.pdf);;웹 페이지 (*.html);;JSON 데이터 (*.json)</translation>
    </message>
    <message>
        <location filename="../../ui/history/HistoryPageFiles.cpp" line="68"/>
        <source>Exporting...</source>
        <translation>내보내는 중...</translation>
    </message>
    <message>
        <location filename="../../ui/history/HistoryPageFiles.cpp" line="74"/>
        <source>Exported to %1. Import it in Walness on another computer.</source>
        <translation>%1(으)로 내보냈습니다. 다른 컴퓨터의 Walness에서 가져올 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../ui/history/HistoryPageFiles.cpp" line="75"/>
        <source>Export failed: %1</source>
        <translation>내보내기 실패: %1</translation>
    </message>
    <message>
        <location filename="../../ui/history/HistoryPageFiles.cpp" line="89"/>
        <source>Importing...</source>
        <translation>가져오는 중...</translation>
    </message>
    <message>
        <location filename="../../ui/history/HistoryPageFiles.cpp" line="95"/>
        <source>Imported.</source>
        <translation>가져왔습니다.</translation>
    </message>
    <message>
        <location filename="../../ui/history/HistoryPageFiles.cpp" line="95"/>
        <source>Import failed: %1</source>
        <translation>가져오기 실패: %1</translation>
    </message>
    <message>
        <location filename="../../ui/history/HistoryPageFiles.cpp" line="109"/>
        <source>Export to which folder?</source>
        <translation>어느 폴더로 내보낼까요?</translation>
    </message>
    <message>
        <location filename="../../ui/history/HistoryPageFiles.cpp" line="118"/>
        <source>Choose an exported pet folder (with pet.json)</source>
        <translation>내보낸 반려동물 폴더 선택 (pet.json이 있는 폴더)</translation>
    </message>
    <message>
        <location filename="../../ui/history/HistoryPage.cpp" line="470"/>
        <source>New pet...</source>
        <translation>새 반려동물...</translation>
    </message>
    <message>
        <location filename="../../ui/history/HistoryPage.cpp" line="471"/>
        <source>Edit...</source>
        <translation>수정...</translation>
    </message>
    <message>
        <location filename="../../ui/history/HistoryPage.cpp" line="472"/>
        <source>Delete pet</source>
        <translation>반려동물 삭제</translation>
    </message>
    <message>
        <location filename="../../ui/history/HistoryPage.cpp" line="473"/>
        <source>Export...</source>
        <translation>내보내기...</translation>
    </message>
    <message>
        <location filename="../../ui/history/HistoryPage.cpp" line="474"/>
        <source>Write this pet&apos;s history (JSON and photos) to a folder.</source>
        <translation>이 반려동물의 기록(JSON과 사진)을 폴더에 저장합니다.</translation>
    </message>
    <message>
        <location filename="../../ui/history/HistoryPage.cpp" line="475"/>
        <source>Import pet...</source>
        <translation>반려동물 가져오기...</translation>
    </message>
    <message>
        <location filename="../../ui/history/HistoryPage.cpp" line="476"/>
        <source>Eye checks, oldest first. Select two to compare.</source>
        <translation>눈 검사 (오래된 순). 두 개를 고르면 비교할 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../ui/history/HistoryPage.cpp" line="477"/>
        <source>Compare</source>
        <translation>비교</translation>
    </message>
    <message>
        <location filename="../../ui/history/HistoryPage.cpp" line="483"/>
        <source>Delete</source>
        <translation>삭제</translation>
    </message>
    <message>
        <location filename="../../ui/history/HistoryPage.cpp" line="484"/>
        <source>Probability of each disease over time (the model&apos;s, not a diagnosis)</source>
        <translation>시간에 따른 질환별 확률 (모델의 값이며 진단이 아닙니다)</translation>
    </message>
    <message>
        <location filename="../../ui/history/HistoryPage.cpp" line="485"/>
        <source>Undo</source>
        <translation>실행 취소</translation>
    </message>
    <message>
        <location filename="../../ui/history/HistoryPage.cpp" line="486"/>
        <source>Loading...</source>
        <translation>불러오는 중...</translation>
    </message>
    <message>
        <location filename="../../ui/history/HistoryPage.cpp" line="389"/>
        <source>✓ vet confirmed</source>
        <translation>✓ 수의사 확인</translation>
    </message>
    <message>
        <location filename="../../ui/history/HistoryPage.cpp" line="375"/>
        <source>left of the photo</source>
        <translation>사진 왼쪽의 눈</translation>
    </message>
    <message>
        <location filename="../../ui/history/HistoryPage.cpp" line="377"/>
        <source>right of the photo</source>
        <translation>사진 오른쪽의 눈</translation>
    </message>
    <message>
        <location filename="../../ui/history/HistoryPage.cpp" line="392"/>
        <source>The vet&apos;s answer is saved; Confirm... shows or edits it.</source>
        <translation>수의사 확인이 저장되어 있습니다. 확인...에서 보거나 고칠 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../ui/history/HistoryPage.cpp" line="478"/>
        <source>Confirm...</source>
        <translation>확인...</translation>
    </message>
    <message>
        <location filename="../../ui/history/HistoryPage.cpp" line="479"/>
        <source>Enter what the vet&apos;s examination showed for the selected check.</source>
        <translation>선택한 검사에 대한 수의사의 진찰 결과를 입력합니다.</translation>
    </message>
    <message>
        <location filename="../../ui/history/HistoryPage.cpp" line="480"/>
        <source>How the model did here...</source>
        <translation>이 병원에서 모델의 성적...</translation>
    </message>
    <message>
        <location filename="../../ui/history/HistoryPage.cpp" line="482"/>
        <source>Sensitivity and specificity of each model version on this clinic&apos;s confirmed checks.</source>
        <translation>이 병원에서 확인된 검사로 계산한 모델 버전별 민감도와 특이도.</translation>
    </message>
    <message>
        <location filename="../../ui/history/HistoryPageConfirmations.cpp" line="124"/>
        <source>The history is not open.</source>
        <translation>기록이 열려 있지 않습니다.</translation>
    </message>
    <message>
        <location filename="../../ui/history/HistoryPageConfirmations.cpp" line="131"/>
        <source>The vet&apos;s answer is saved (revision %1).</source>
        <translation>수의사 확인을 저장했습니다(%1번째 수정).</translation>
    </message>
</context>
<context>
    <name>walness::ui::HistorySettings</name>
    <message>
        <location filename="../../ui/history/HistorySettings.cpp" line="104"/>
        <source>Fill in the server, the database and the user.</source>
        <translation>서버, 데이터베이스, 사용자를 입력하세요.</translation>
    </message>
    <message>
        <location filename="../../ui/history/HistorySettings.cpp" line="124"/>
        <source>The history in use was not changed.</source>
        <translation>사용 중인 기록은 바뀌지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../ui/history/HistorySettings.cpp" line="122"/>
        <source>Now using the history at %1.</source>
        <translation>이제 %1의 기록을 사용합니다.</translation>
    </message>
    <message>
        <location filename="../../ui/history/HistorySettings.cpp" line="134"/>
        <source>On this computer</source>
        <translation>이 컴퓨터에</translation>
    </message>
    <message>
        <location filename="../../ui/history/HistorySettings.cpp" line="135"/>
        <source>On the clinic&apos;s PostgreSQL server (shared by its front-desk computers)</source>
        <translation>병원의 PostgreSQL 서버에 (접수 데스크 컴퓨터들이 함께 사용)</translation>
    </message>
    <message>
        <location filename="../../ui/history/HistorySettings.cpp" line="136"/>
        <source>Server:</source>
        <translation>서버:</translation>
    </message>
    <message>
        <location filename="../../ui/history/HistorySettings.cpp" line="137"/>
        <source>Port:</source>
        <translation>포트:</translation>
    </message>
    <message>
        <location filename="../../ui/history/HistorySettings.cpp" line="138"/>
        <source>Database:</source>
        <translation>데이터베이스:</translation>
    </message>
    <message>
        <location filename="../../ui/history/HistorySettings.cpp" line="139"/>
        <source>User:</source>
        <translation>사용자:</translation>
    </message>
    <message>
        <location filename="../../ui/history/HistorySettings.cpp" line="140"/>
        <source>Encryption:</source>
        <translation>암호화:</translation>
    </message>
    <message>
        <location filename="../../ui/history/HistorySettings.cpp" line="141"/>
        <source>When the server offers it (prefer)</source>
        <translation>서버가 지원하면 사용 (prefer)</translation>
    </message>
    <message>
        <location filename="../../ui/history/HistorySettings.cpp" line="142"/>
        <source>Always: refuse an unencrypted server (require)</source>
        <translation>항상 사용: 암호화하지 않는 서버는 거부 (require)</translation>
    </message>
    <message>
        <location filename="../../ui/history/HistorySettings.cpp" line="144"/>
        <source>On a server, pets, results and photos are stored in that database, so they leave this computer for the clinic&apos;s server. Walness does not store the password: PostgreSQL reads it from the user&apos;s password file (~/.pgpass, or %APPDATA%\postgresql\pgpass.conf on Windows) or PGPASSWORD.</source>
        <translation>서버를 쓰면 반려동물, 결과, 사진이 그 데이터베이스에 저장되므로 이 컴퓨터에서 병원 서버로 전송됩니다. Walness는 비밀번호를 저장하지 않습니다. PostgreSQL이 사용자의 비밀번호 파일(~/.pgpass, Windows에서는 %APPDATA%\postgresql\pgpass.conf)이나 PGPASSWORD에서 읽습니다.</translation>
    </message>
    <message>
        <location filename="../../ui/history/HistorySettings.cpp" line="148"/>
        <source>Use this history</source>
        <translation>이 기록 사용</translation>
    </message>
    <message>
        <location filename="../../ui/history/HistorySettings.cpp" line="110"/>
        <source>Connecting to %1...</source>
        <translation>%1에 연결하는 중...</translation>
    </message>
</context>
<context>
    <name>walness::ui::ImproveModelDialog</name>
    <message>
        <location filename="../../ui/improve/ImproveModelDialog.cpp" line="53"/>
        <source>Start</source>
        <translation>시작</translation>
    </message>
    <message>
        <location filename="../../ui/improve/ImproveModelDialog.cpp" line="54"/>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <location filename="../../ui/improve/ImproveModelDialog.cpp" line="56"/>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <location filename="../../ui/improve/ImproveModelDialog.cpp" line="59"/>
        <source>Improve with this clinic&apos;s confirmed checks</source>
        <translation>이 병원의 확인된 검사로 모델 개선</translation>
    </message>
    <message>
        <location filename="../../ui/improve/ImproveModelDialog.cpp" line="65"/>
        <source>Starts from %1 and learns from the checks a vet confirmed in %2. Whole pets are held back to compare the new model with %1; it is offered only if it does better on them, and installed beside %1, which stays one click away in Settings &gt; Models. Photos stay where the history keeps them.</source>
        <translation>%1에서 시작해 %2에서 수의사가 확인한 검사로 학습합니다. 일부 반려동물의 검사 전체를 따로 남겨 새 모델과 %1을(를) 비교하고, 그 검사에서 더 나을 때만 설치를 제안합니다. 새 모델은 %1 옆에 설치되며, 설정 &gt; 모델에서 한 번의 클릭으로 되돌릴 수 있습니다. 사진은 기록이 보관된 곳에 그대로 있습니다.</translation>
    </message>
    <message>
        <location filename="../../ui/improve/ImproveModelDialog.cpp" line="75"/>
        <source>Install and use</source>
        <translation>설치하고 사용</translation>
    </message>
    <message>
        <location filename="../../ui/improve/ImproveModelDialog.cpp" line="79"/>
        <source>Passes over the photos (epochs):</source>
        <translation>사진 반복 학습 횟수(에포크):</translation>
    </message>
    <message>
        <location filename="../../ui/improve/ImproveModelDialog.cpp" line="125"/>
        <source>%1 confirmed checks of %2 pets can be used (checks screened without findings are left out).</source>
        <translation>반려동물 %2마리의 확인된 검사 %1건을 쓸 수 있습니다(결과 없이 끝난 검사는 제외).</translation>
    </message>
    <message>
        <location filename="../../ui/improve/ImproveModelDialog.cpp" line="132"/>
        <source>At least two pets need confirmed checks: one is held back to compare.</source>
        <translation>확인된 검사가 있는 반려동물이 두 마리 이상 필요합니다. 한 마리는 비교용으로 따로 남깁니다.</translation>
    </message>
    <message>
        <location filename="../../ui/improve/ImproveModelDialog.cpp" line="139"/>
        <source>Estimated time: about %1 min on this computer.</source>
        <translation>예상 시간: 이 컴퓨터에서 약 %1분.</translation>
    </message>
    <message>
        <location filename="../../ui/improve/ImproveModelDialog.cpp" line="151"/>
        <location filename="../../ui/improve/ImproveModelDialog.cpp" line="188"/>
        <source>Exporting the confirmed checks...</source>
        <translation>확인된 검사를 내보내는 중...</translation>
    </message>
    <message>
        <location filename="../../ui/improve/ImproveModelDialog.cpp" line="180"/>
        <source>Stopping after the current batch...</source>
        <translation>지금 묶음을 마치고 멈추는 중...</translation>
    </message>
    <message>
        <location filename="../../ui/improve/ImproveModelDialog.cpp" line="193"/>
        <source>Learning: pass %1 of %2, %3 photos/s, about %4 min left.</source>
        <translation>학습 중: %2회 중 %1회째, 초당 사진 %3장, 약 %4분 남음.</translation>
    </message>
    <message>
        <location filename="../../ui/improve/ImproveModelDialog.cpp" line="201"/>
        <source>Checking pass %1 on the held-back pets...</source>
        <translation>%1회째 결과를 따로 남긴 반려동물로 확인하는 중...</translation>
    </message>
    <message>
        <location filename="../../ui/improve/ImproveModelDialog.cpp" line="204"/>
        <source>Calibrating the new model...</source>
        <translation>새 모델을 보정하는 중...</translation>
    </message>
    <message>
        <location filename="../../ui/improve/ImproveModelDialog.cpp" line="208"/>
        <source>Comparing the new model with the current one...</source>
        <translation>새 모델과 지금 모델을 비교하는 중...</translation>
    </message>
    <message>
        <location filename="../../ui/improve/ImproveModelDialog.cpp" line="220"/>
        <source>Cancelled. Nothing was installed.</source>
        <translation>취소했습니다. 아무것도 설치하지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../ui/improve/ImproveModelDialog.cpp" line="221"/>
        <source>The model could not be improved: %1. Nothing was installed.</source>
        <translation>모델을 개선하지 못했습니다: %1. 아무것도 설치하지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../ui/improve/ImproveModelDialog.cpp" line="233"/>
        <source>On %1 held-back photos (pets held back: %2): the new model&apos;s macro AUC %3, the current model&apos;s %4.</source>
        <translation>따로 남긴 사진 %1장(반려동물 %2마리)에서: 새 모델의 매크로 AUC %3, 지금 모델 %4.</translation>
    </message>
    <message>
        <location filename="../../ui/improve/ImproveModelDialog.cpp" line="239"/>
        <source>Done.</source>
        <translation>완료했습니다.</translation>
    </message>
    <message>
        <location filename="../../ui/improve/ImproveModelDialog.cpp" line="242"/>
        <source>The new model did better. Install it as version %1?</source>
        <translation>새 모델이 더 나았습니다. 버전 %1(으)로 설치할까요?</translation>
    </message>
    <message>
        <location filename="../../ui/improve/ImproveModelDialog.cpp" line="247"/>
        <source>The new model did not do better, so it is not offered; the current model stays in use.</source>
        <translation>새 모델이 더 낫지 않아 설치를 제안하지 않습니다. 지금 모델을 계속 사용합니다.</translation>
    </message>
    <message>
        <location filename="../../ui/improve/ImproveModelDialog.cpp" line="258"/>
        <source>The new model could not be installed: %1</source>
        <translation>새 모델을 설치하지 못했습니다: %1</translation>
    </message>
    <message>
        <location filename="../../ui/improve/ImproveModelDialog.cpp" line="264"/>
        <source>Installed in %1 and in use. Settings &gt; Models switches back.</source>
        <translation>%1에 설치해 사용 중입니다. 설정 &gt; 모델에서 되돌릴 수 있습니다.</translation>
    </message>
</context>
<context>
    <name>walness::ui::MainWindow</name>
    <message>
        <location filename="../../ui/shell/MainWindow.cpp" line="205"/>
        <source>Walness - pet eye check</source>
        <translation>Walness - 반려동물 눈 검사</translation>
    </message>
    <message>
        <location filename="../../ui/shell/MainWindow.cpp" line="206"/>
        <source>Eye check</source>
        <translation>눈 검사</translation>
    </message>
    <message>
        <location filename="../../ui/shell/MainWindow.cpp" line="208"/>
        <source>Clinics</source>
        <translation>동물병원</translation>
    </message>
    <message>
        <location filename="../../ui/shell/MainWindow.cpp" line="219"/>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/shell/MainWindow.cpp" line="220"/>
        <source>&amp;About Walness</source>
        <translation>Walness 정보(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/shell/MainWindow.cpp" line="274"/>
        <source>About Walness</source>
        <translation>Walness 정보</translation>
    </message>
    <message>
        <location filename="../../ui/shell/MainWindow.cpp" line="217"/>
        <source>&amp;Tools</source>
        <translation>도구(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/shell/MainWindow.cpp" line="218"/>
        <source>&amp;Settings...</source>
        <translation>설정(&amp;S)...</translation>
    </message>
    <message>
        <location filename="../../ui/shell/MainWindow.cpp" line="251"/>
        <source>No model installed.</source>
        <translation>설치된 모델이 없습니다.</translation>
    </message>
    <message>
        <location filename="../../ui/shell/MainWindow.cpp" line="252"/>
        <source>&lt;h3&gt;Walness %1&lt;/h3&gt;&lt;p&gt;Screens photos of dog and cat eyes for signs of disease, on this computer, and finds veterinary clinics nearby.&lt;/p&gt;&lt;p&gt;&lt;b&gt;A screening aid, not a veterinary diagnosis.&lt;/b&gt; No model can confirm that an eye is healthy.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Walness %1&lt;/h3&gt;&lt;p&gt;강아지와 고양이의 눈 사진을 이 컴퓨터에서 살펴 질환의 징후를 찾고, 가까운 동물병원을 찾아 줍니다.&lt;/p&gt;&lt;p&gt;&lt;b&gt;선별 보조 도구이며 수의사의 진단이 아닙니다.&lt;/b&gt; 어떤 모델도 눈이 건강하다는 것을 확인할 수 없습니다.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/shell/MainWindow.cpp" line="256"/>
        <source>&lt;h4&gt;Models&lt;/h4&gt;&lt;ul&gt;%1&lt;/ul&gt;&lt;p&gt;Details, metrics and limits: Tools &amp;gt; Settings &amp;gt; Models.&lt;/p&gt;</source>
        <translation>&lt;h4&gt;모델&lt;/h4&gt;&lt;ul&gt;%1&lt;/ul&gt;&lt;p&gt;자세한 내용, 측정 결과와 한계: 도구 &amp;gt; 설정 &amp;gt; 모델.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/shell/MainWindow.cpp" line="259"/>
        <source>&lt;h4&gt;Versions&lt;/h4&gt;&lt;p&gt;Qt %1, LibTorch %2, OpenCV %3&lt;/p&gt;</source>
        <translation>&lt;h4&gt;버전&lt;/h4&gt;&lt;p&gt;Qt %1, LibTorch %2, OpenCV %3&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/shell/MainWindow.cpp" line="261"/>
        <source>&lt;h4&gt;Data and licences&lt;/h4&gt;&lt;ul&gt;&lt;li&gt;Dog eye model trained by Walness on the AI Hub companion-animal eye disease photos (반려동물 안구질환 데이터), starting from torchvision&apos;s ImageNet MobileNetV2 weights (BSD-3-Clause).&lt;/li&gt;&lt;li&gt;Disease explanations written by the Walness team; not a substitute for a vet.&lt;/li&gt;&lt;li&gt;Map and clinic data © OpenStreetMap contributors (ODbL). Clinic data from Google Places when you add a key (powered by Google); LOCALDATA from the Korean Ministry of the Interior and Safety when you import it.&lt;/li&gt;&lt;li&gt;Built with Qt (LGPL-3.0), LibTorch (BSD-3-Clause), OpenCV (Apache-2.0), PROJ (MIT), libheif (LGPL-3.0), QtKeychain (BSD-2-Clause).&lt;/li&gt;&lt;/ul&gt;</source>
        <translation>&lt;h4&gt;데이터와 라이선스&lt;/h4&gt;&lt;ul&gt;&lt;li&gt;강아지 눈 모델은 Walness가 AI Hub 반려동물 안구질환 데이터로 학습했으며, torchvision의 ImageNet MobileNetV2 가중치(BSD-3-Clause)에서 시작했습니다.&lt;/li&gt;&lt;li&gt;질환 설명은 Walness 팀이 작성했으며 수의사를 대신하지 않습니다.&lt;/li&gt;&lt;li&gt;지도와 동물병원 데이터 © OpenStreetMap 기여자(ODbL). 키를 추가하면 Google Places의 동물병원 데이터(powered by Google), 가져오면 행정안전부 LOCALDATA를 사용합니다.&lt;/li&gt;&lt;li&gt;Qt(LGPL-3.0), LibTorch(BSD-3-Clause), OpenCV(Apache-2.0), PROJ(MIT), libheif(LGPL-3.0), QtKeychain(BSD-2-Clause)로 만들었습니다.&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/shell/MainWindow.cpp" line="207"/>
        <source>History</source>
        <translation>기록</translation>
    </message>
    <message>
        <location filename="../../ui/shell/MainWindow.cpp" line="215"/>
        <source>&amp;Edit</source>
        <translation>편집(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ui/shell/MainWindow.cpp" line="216"/>
        <source>Screen a &amp;folder of photos...</source>
        <translation>폴더의 사진 일괄 검사(&amp;F)...</translation>
    </message>
    <message>
        <location filename="../../ui/shell/MainWindow.cpp" line="209"/>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/shell/MainWindow.cpp" line="210"/>
        <source>&amp;Open photo...</source>
        <translation>사진 열기(&amp;O)...</translation>
    </message>
    <message>
        <location filename="../../ui/shell/MainWindow.cpp" line="211"/>
        <source>Open &amp;recent</source>
        <translation>최근 사진 열기(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/shell/MainWindow.cpp" line="212"/>
        <source>&amp;Save result...</source>
        <translation>결과 저장(&amp;S)...</translation>
    </message>
    <message>
        <location filename="../../ui/shell/MainWindow.cpp" line="213"/>
        <source>Save to &amp;pet...</source>
        <translation>반려동물 기록에 저장(&amp;P)...</translation>
    </message>
    <message>
        <location filename="../../ui/shell/MainWindow.cpp" line="214"/>
        <source>&amp;Quit</source>
        <translation>끝내기(&amp;Q)</translation>
    </message>
</context>
<context>
    <name>walness::ui::ProbabilityBars</name>
    <message>
        <location filename="../../ui/common/ProbabilityBars.cpp" line="22"/>
        <source>%1: %2%, threshold %3%</source>
        <translation>%1: %2%, 기준 %3%</translation>
    </message>
</context>
<context>
    <name>walness::ui::SaveToPetDialog</name>
    <message>
        <location filename="../../ui/history/SaveToPetDialog.cpp" line="35"/>
        <source>Save to a pet&apos;s history</source>
        <translation>반려동물 기록에 저장</translation>
    </message>
    <message>
        <location filename="../../ui/history/SaveToPetDialog.cpp" line="39"/>
        <source>New pet...</source>
        <translation>새 반려동물...</translation>
    </message>
    <message>
        <location filename="../../ui/history/SaveToPetDialog.cpp" line="42"/>
        <source>unknown</source>
        <translation>모름</translation>
    </message>
    <message>
        <location filename="../../ui/history/SaveToPetDialog.cpp" line="45"/>
        <source>e.g. Nabi</source>
        <translation>예: 나비</translation>
    </message>
    <message>
        <location filename="../../ui/history/SaveToPetDialog.cpp" line="45"/>
        <source>e.g. Coco</source>
        <translation>예: 코코</translation>
    </message>
    <message>
        <location filename="../../ui/history/SaveToPetDialog.cpp" line="46"/>
        <source>e.g. left eye, after two days of drops</source>
        <translation>예: 왼쪽 눈, 안약 넣은 지 이틀째</translation>
    </message>
    <message>
        <location filename="../../ui/history/SaveToPetDialog.cpp" line="50"/>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <location filename="../../ui/history/SaveToPetDialog.cpp" line="51"/>
        <source>Breed</source>
        <translation>품종</translation>
    </message>
    <message>
        <location filename="../../ui/history/SaveToPetDialog.cpp" line="52"/>
        <source>Birth year</source>
        <translation>출생 연도</translation>
    </message>
    <message>
        <location filename="../../ui/history/SaveToPetDialog.cpp" line="55"/>
        <source>Pet</source>
        <translation>반려동물</translation>
    </message>
    <message>
        <location filename="../../ui/history/SaveToPetDialog.cpp" line="57"/>
        <source>Note</source>
        <translation>메모</translation>
    </message>
    <message>
        <location filename="../../ui/history/SaveToPetDialog.cpp" line="63"/>
        <source>The photo, the eye region, the heatmap and the findings are saved on the shared server %1, where the clinic&apos;s other computers see them.</source>
        <translation>사진, 눈 영역, 히트맵, 결과가 공유 서버 %1에 저장되며 병원의 다른 컴퓨터에서도 볼 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../ui/history/SaveToPetDialog.cpp" line="66"/>
        <source>The photo, the eye region, the heatmap and the findings are saved on this computer only (%1).</source>
        <translation>사진, 눈 영역, 히트맵, 결과는 이 컴퓨터에만 저장됩니다 (%1).</translation>
    </message>
    <message>
        <location filename="../../ui/history/SaveToPetDialog.cpp" line="146"/>
        <source>Give the new pet a name.</source>
        <translation>새 반려동물의 이름을 입력하세요.</translation>
    </message>
</context>
<context>
    <name>walness::ui::SettingsDialog</name>
    <message>
        <location filename="../../ui/shell/SettingsDialog.cpp" line="45"/>
        <source>%1 is not a model bundle: it has no model.json.</source>
        <translation>%1은(는) 모델 번들이 아닙니다: model.json이 없습니다.</translation>
    </message>
    <message>
        <location filename="../../ui/shell/SettingsDialog.cpp" line="55"/>
        <source>%1 is incomplete: its weights file %2 is missing.</source>
        <translation>%1이(가) 불완전합니다: 가중치 파일 %2이(가) 없습니다.</translation>
    </message>
    <message>
        <location filename="../../ui/shell/SettingsDialog.cpp" line="69"/>
        <source>%1 %2 is already installed.</source>
        <translation>%1 %2은(는) 이미 설치되어 있습니다.</translation>
    </message>
    <message>
        <location filename="../../ui/shell/SettingsDialog.cpp" line="81"/>
        <source>Could not copy the bundle to %1.</source>
        <translation>번들을 %1에 복사하지 못했습니다.</translation>
    </message>
    <message>
        <location filename="../../ui/shell/SettingsDialog.cpp" line="187"/>
        <source>&lt;p&gt;No model bundle is installed. Add a bundle folder (model.json and weights) made by &lt;code&gt;walness-cli train&lt;/code&gt;.&lt;/p&gt;</source>
        <translation>&lt;p&gt;설치된 모델 번들이 없습니다. &lt;code&gt;walness-cli train&lt;/code&gt;으로 만든 번들 폴더(model.json과 가중치)를 추가하세요.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/shell/SettingsDialog.cpp" line="199"/>
        <source>An ensemble is not fine-tuned as a whole: select one of its members (e.g. dog-eye-mobilenetv2) to improve it with the confirmed checks.</source>
        <translation>앙상블 모델은 통째로 미세 조정하지 않습니다. 확인된 검사로 개선하려면 구성 모델 중 하나(예: dog-eye-mobilenetv2)를 선택하세요.</translation>
    </message>
    <message>
        <location filename="../../ui/shell/SettingsDialog.cpp" line="233"/>
        <source>Choose a model bundle folder</source>
        <translation>모델 번들 폴더 선택</translation>
    </message>
    <message>
        <location filename="../../ui/shell/SettingsDialog.cpp" line="240"/>
        <source>Installed in %1.</source>
        <translation>%1에 설치했습니다.</translation>
    </message>
    <message>
        <location filename="../../ui/shell/SettingsDialog.cpp" line="259"/>
        <source>Settings</source>
        <translation>설정</translation>
    </message>
    <message>
        <location filename="../../ui/shell/SettingsDialog.cpp" line="260"/>
        <source>General</source>
        <translation>일반</translation>
    </message>
    <message>
        <location filename="../../ui/shell/SettingsDialog.cpp" line="261"/>
        <source>Models</source>
        <translation>모델</translation>
    </message>
    <message>
        <location filename="../../ui/shell/SettingsDialog.cpp" line="262"/>
        <source>Privacy</source>
        <translation>개인정보</translation>
    </message>
    <message>
        <location filename="../../ui/shell/SettingsDialog.cpp" line="264"/>
        <source>Language:</source>
        <translation>언어:</translation>
    </message>
    <message>
        <location filename="../../ui/shell/SettingsDialog.cpp" line="265"/>
        <source>System language</source>
        <translation>시스템 언어</translation>
    </message>
    <message>
        <location filename="../../ui/shell/SettingsDialog.cpp" line="266"/>
        <source>Species at start:</source>
        <translation>시작할 때 동물:</translation>
    </message>
    <message>
        <location filename="../../ui/shell/SettingsDialog.cpp" line="267"/>
        <source>Dog</source>
        <translation>강아지</translation>
    </message>
    <message>
        <location filename="../../ui/shell/SettingsDialog.cpp" line="268"/>
        <source>Cat</source>
        <translation>고양이</translation>
    </message>
    <message>
        <location filename="../../ui/shell/SettingsDialog.cpp" line="269"/>
        <source>Add bundle folder...</source>
        <translation>번들 폴더 추가...</translation>
    </message>
    <message>
        <location filename="../../ui/shell/SettingsDialog.cpp" line="255"/>
        <location filename="../../ui/shell/SettingsDialog.cpp" line="263"/>
        <source>History</source>
        <translation>기록</translation>
    </message>
    <message>
        <location filename="../../ui/shell/SettingsDialog.cpp" line="279"/>
        <source>&lt;h3&gt;Privacy&lt;/h3&gt;&lt;p&gt;Photos are analysed on this computer. Walness never uploads them; they go to a server only if you keep pet histories on your clinic&apos;s own PostgreSQL server (History). Walness has no account, no analytics and no advertising.&lt;/p&gt;&lt;p&gt;Only the clinic search uses the network, and only when you start it: the search location goes to OpenStreetMap (Overpass and, when you type a place, Nominatim) and, if you added a key, to Google Places. Map tiles are loaded from OpenStreetMap (or the tile server you set) while the Clinics tab is open.&lt;/p&gt;&lt;p&gt;Stored on this computer only: your settings, the last search location, clinics found earlier (for use without network) and the Google key in the system keychain.&lt;/p&gt;&lt;p&gt;Pet histories (photos, eye regions, heatmaps and results you save to a pet) are kept on this computer, or on your clinic&apos;s PostgreSQL server if you choose one under History.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;개인정보&lt;/h3&gt;&lt;p&gt;사진은 이 컴퓨터에서 분석됩니다. Walness는 사진을 업로드하지 않으며, 반려동물 기록을 병원 자체의 PostgreSQL 서버에 두기로 한 경우(기록)에만 그 서버로 전송됩니다. Walness에는 계정, 분석 도구, 광고가 없습니다.&lt;/p&gt;&lt;p&gt;네트워크는 동물병원 검색에만, 그리고 검색을 시작할 때만 사용합니다. 검색 위치는 OpenStreetMap(Overpass, 장소를 입력하면 Nominatim)으로, 키를 추가했다면 Google Places로 전송됩니다. 동물병원 탭이 열려 있는 동안 지도 타일을 OpenStreetMap(또는 설정한 타일 서버)에서 받습니다.&lt;/p&gt;&lt;p&gt;이 컴퓨터에만 저장되는 것: 설정, 마지막 검색 위치, 이전에 찾은 동물병원(네트워크 없이 보기 위해), 시스템 키체인의 Google 키.&lt;/p&gt;&lt;p&gt;반려동물 기록(반려동물에 저장한 사진, 눈 영역, 히트맵, 결과)은 이 컴퓨터에, 또는 기록 설정에서 고른 병원의 PostgreSQL 서버에 보관됩니다.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/shell/SettingsDialog.cpp" line="62"/>
        <source>%1 cannot be installed: its model id and version must not contain / or \ or start with a dot.</source>
        <translation>%1은(는) 설치할 수 없습니다: 모델 ID와 버전에는 / 또는 \ 문자가 들어가거나 점(.)으로 시작할 수 없습니다.</translation>
    </message>
    <message>
        <location filename="../../ui/shell/SettingsDialog.cpp" line="177"/>
        <source> (in use)</source>
        <translation> (사용 중)</translation>
    </message>
    <message>
        <location filename="../../ui/shell/SettingsDialog.cpp" line="210"/>
        <source>%1 %2 is now used for new checks.</source>
        <translation>이제 새 검사에 %1 %2을(를) 사용합니다.</translation>
    </message>
    <message>
        <location filename="../../ui/shell/SettingsDialog.cpp" line="224"/>
        <source>Installed in %1 and used for new checks.</source>
        <translation>%1에 설치했고 새 검사에 사용합니다.</translation>
    </message>
    <message>
        <location filename="../../ui/shell/SettingsDialog.cpp" line="270"/>
        <source>Use this model</source>
        <translation>이 모델 사용</translation>
    </message>
    <message>
        <location filename="../../ui/shell/SettingsDialog.cpp" line="272"/>
        <source>Screen this species with the selected model (also to switch back to an earlier version).</source>
        <translation>이 종류의 검사에 선택한 모델을 사용합니다(이전 버전으로 되돌릴 때도).</translation>
    </message>
    <message>
        <location filename="../../ui/shell/SettingsDialog.cpp" line="274"/>
        <source>Improve with this clinic&apos;s confirmed checks...</source>
        <translation>이 병원의 확인된 검사로 모델 개선...</translation>
    </message>
    <message>
        <location filename="../../ui/shell/SettingsDialog.cpp" line="201"/>
        <location filename="../../ui/shell/SettingsDialog.cpp" line="276"/>
        <source>Fine-tune the selected model on the checks a vet confirmed, on this computer.</source>
        <translation>수의사가 확인한 검사로 선택한 모델을 이 컴퓨터에서 추가 학습합니다.</translation>
    </message>
</context>
<context>
    <name>walness::ui::SpeciesToggle</name>
    <message>
        <location filename="../../ui/diagnosis/SpeciesToggle.cpp" line="62"/>
        <source>Dog</source>
        <translation>강아지</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/SpeciesToggle.cpp" line="63"/>
        <source>Cat</source>
        <translation>고양이</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/SpeciesToggle.cpp" line="64"/>
        <source>The photo shows a dog&apos;s eye</source>
        <translation>강아지의 눈 사진입니다</translation>
    </message>
    <message>
        <location filename="../../ui/diagnosis/SpeciesToggle.cpp" line="65"/>
        <source>The photo shows a cat&apos;s eye</source>
        <translation>고양이의 눈 사진입니다</translation>
    </message>
</context>
</TS>
