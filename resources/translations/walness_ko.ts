<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>walness::ui::ClinicPanel</name>
    <message>
        <source>Your location leaves this computer only when you search for clinics. Map tiles come from OpenStreetMap.</source>
        <translation>위치 정보는 병원을 검색할 때만 이 컴퓨터 밖으로 전송됩니다. 지도 타일은 OpenStreetMap에서 가져옵니다.</translation>
    </message>
</context>
<context>
    <name>walness::ui::DiagnosisPage</name>
    <message>
        <source>Photos (%1)</source>
        <translation>사진 (%1)</translation>
    </message>
    <message>
        <source>Open a photo of the eye</source>
        <translation>눈 사진 열기</translation>
    </message>
    <message>
        <source>Could not open the photo</source>
        <translation>사진을 열 수 없습니다</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Photo loaded</source>
        <translation>사진을 불러왔습니다</translation>
    </message>
    <message>
        <source>%1 (%2 x %3 pixels)</source>
        <translation>%1 (%2 x %3 픽셀)</translation>
    </message>
    <message>
        <source>My pet is a</source>
        <translation>반려동물 종류</translation>
    </message>
    <message>
        <source>Open photo...</source>
        <translation>사진 열기...</translation>
    </message>
    <message>
        <source>No photo yet.
Open a close-up photo of your pet&apos;s eye.</source>
        <translation>아직 사진이 없습니다.
반려동물의 눈을 가까이서 찍은 사진을 열어 주세요.</translation>
    </message>
    <message>
        <source>No result yet</source>
        <translation>아직 결과가 없습니다</translation>
    </message>
    <message>
        <source>Choose dog or cat, then open a photo of the eye. Walness checks it for signs of eye disease and explains what it sees.</source>
        <translation>강아지 또는 고양이를 고른 뒤 눈 사진을 열어 주세요. Walness가 안과 질환의 징후를 살펴보고 무엇을 보았는지 설명합니다.</translation>
    </message>
    <message>
        <source>Photos are analysed on this computer and never uploaded. Walness is a screening aid, not a veterinary diagnosis.</source>
        <translation>사진은 이 컴퓨터에서만 분석되며 업로드되지 않습니다. Walness는 선별 검사 도구이며 수의사의 진단을 대신하지 않습니다.</translation>
    </message>
</context>
<context>
    <name>walness::ui::MainWindow</name>
    <message>
        <source>Walness - pet eye check</source>
        <translation>Walness - 반려동물 눈 검사</translation>
    </message>
    <message>
        <source>Eye check</source>
        <translation>눈 검사</translation>
    </message>
    <message>
        <source>Clinics</source>
        <translation>동물병원</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Walness</source>
        <translation>Walness 정보(&amp;A)</translation>
    </message>
    <message>
        <source>About Walness</source>
        <translation>Walness 정보</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Walness %1&lt;/h3&gt;&lt;p&gt;Screens photos of dog and cat eyes for signs of disease, on this computer, and finds veterinary clinics nearby.&lt;/p&gt;&lt;p&gt;A screening aid, not a veterinary diagnosis.&lt;/p&gt;&lt;p&gt;Qt %2, LibTorch %3, OpenCV %4&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Walness %1&lt;/h3&gt;&lt;p&gt;강아지와 고양이의 눈 사진에서 질환의 징후를 이 컴퓨터 안에서 살펴보고, 가까운 동물병원을 찾아 줍니다.&lt;/p&gt;&lt;p&gt;선별 검사 도구이며 수의사의 진단을 대신하지 않습니다.&lt;/p&gt;&lt;p&gt;Qt %2, LibTorch %3, OpenCV %4&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>walness::ui::SpeciesToggle</name>
    <message>
        <source>Dog</source>
        <translation>강아지</translation>
    </message>
    <message>
        <source>Cat</source>
        <translation>고양이</translation>
    </message>
    <message>
        <source>The photo shows a dog&apos;s eye</source>
        <translation>강아지의 눈 사진입니다</translation>
    </message>
    <message>
        <source>The photo shows a cat&apos;s eye</source>
        <translation>고양이의 눈 사진입니다</translation>
    </message>
</context>
</TS>
