"""The example site's scenes, drawn as SVG (sizes in the viewBox, any
output size). Each is a place an article tells of; no real person, no real
document."""

HALL = """<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 1600 1200' preserveAspectRatio='none'>
<defs>
 <linearGradient id='wall' x1='0' y1='0' x2='0' y2='1'><stop offset='0' stop-color='#d9cfb8'/><stop offset='1' stop-color='#b8ab8f'/></linearGradient>
 <linearGradient id='floor' x1='0' y1='0' x2='0' y2='1'><stop offset='0' stop-color='#8a6a4a'/><stop offset='1' stop-color='#5a4030'/></linearGradient>
 <linearGradient id='banner' x1='0' y1='0' x2='0' y2='1'><stop offset='0' stop-color='#c8141c'/><stop offset='1' stop-color='#8e0d12'/></linearGradient>
 <radialGradient id='light' cx='0.5' cy='0.1' r='0.8'><stop offset='0' stop-color='#fff8e0' stop-opacity='0.55'/><stop offset='1' stop-color='#fff8e0' stop-opacity='0'/></radialGradient>
 <filter id='soft'><feGaussianBlur stdDeviation='2'/></filter>
 <filter id='grain'><feTurbulence type='fractalNoise' baseFrequency='0.9' numOctaves='2' seed='4'/><feColorMatrix type='saturate' values='0'/><feComponentTransfer><feFuncA type='table' tableValues='0 0.08'/></feComponentTransfer><feComposite in2='SourceGraphic' operator='in'/></filter>
</defs>
<rect width='1600' height='760' fill='url(#wall)'/>
<rect y='740' width='1600' height='460' fill='url(#floor)'/>
<rect x='230' y='90' width='1140' height='210' rx='6' fill='url(#banner)'/>
<text x='800' y='165' font-family='DejaVu Sans, Arial' font-weight='700' font-size='46' fill='#ffe27a' text-anchor='middle'>HỘI NGHỊ TẬP HUẤN</text>
<text x='800' y='232' font-family='DejaVu Sans, Arial' font-weight='700' font-size='31' fill='#ffe27a' text-anchor='middle'>MÔ HÌNH "KẾT NỐI MẠNG XÃ HỘI – BÌNH YÊN CHO MỖI GIA ĐÌNH"</text>
<rect x='520' y='330' width='560' height='320' fill='#1d2a44'/>
<rect x='536' y='346' width='528' height='288' fill='#3d6fb0'/>
<rect x='560' y='380' width='300' height='26' fill='#e8eef8'/><rect x='560' y='430' width='420' height='18' fill='#c9d7ec'/><rect x='560' y='466' width='380' height='18' fill='#c9d7ec'/><rect x='560' y='502' width='400' height='18' fill='#c9d7ec'/>
<rect x='130' y='600' width='300' height='150' fill='#6b3b22'/><rect x='130' y='600' width='300' height='20' fill='#80492b'/>
<rect x='1190' y='560' width='40' height='190' fill='#444'/><circle cx='1210' cy='545' r='26' fill='#c8141c'/>
<g fill='#26324a'>
""" + "".join(
    f"<rect x='{x}' y='{y}' width='{w}' height='{h}' rx='10'/>"
    for row, (y, h, w, gap) in enumerate([(800, 90, 86, 112), (880, 110, 104, 132), (975, 130, 124, 156), (1085, 150, 146, 182)])
    for x in range(-40 + row * 17, 1620, gap)
) + """</g>
<g fill='#17202f'>""" + "".join(
    f"<ellipse cx='{x + 45}' cy='{y - 18}' rx='{r}' ry='{r * 1.15:.0f}'/>"
    for (y, r, gap, start) in [(812, 22, 112, 20), (895, 27, 132, 40), (992, 32, 156, 25)]
    for x in range(start, 1600, gap * 2)
) + """</g>
<rect width='1600' height='1200' fill='url(#light)'/>
<rect width='1600' height='1200' filter='url(#grain)'/>
</svg>"""

POST = """<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 1200 1600' preserveAspectRatio='none'>
<defs>
 <linearGradient id='sky' x1='0' y1='0' x2='0' y2='1'><stop offset='0' stop-color='#6fa8dc'/><stop offset='0.7' stop-color='#cfe3f3'/><stop offset='1' stop-color='#eef4f8'/></linearGradient>
 <linearGradient id='wall' x1='0' y1='0' x2='1' y2='0'><stop offset='0' stop-color='#f1e6b8'/><stop offset='1' stop-color='#dccb8c'/></linearGradient>
 <linearGradient id='road' x1='0' y1='0' x2='0' y2='1'><stop offset='0' stop-color='#8d8d88'/><stop offset='1' stop-color='#5d5d5a'/></linearGradient>
 <filter id='grain'><feTurbulence type='fractalNoise' baseFrequency='0.8' numOctaves='2' seed='9'/><feColorMatrix type='saturate' values='0'/><feComponentTransfer><feFuncA type='table' tableValues='0 0.09'/></feComponentTransfer><feComposite in2='SourceGraphic' operator='in'/></filter>
 <filter id='leaf'><feTurbulence type='fractalNoise' baseFrequency='0.035' numOctaves='4' seed='3'/><feColorMatrix values='0 0 0 0 0.12  0 0 0 0 0.38  0 0 0 0 0.15  0 0 0 1.6 -0.55'/></filter>
</defs>
<rect width='1200' height='1600' fill='url(#sky)'/>
<rect x='0' y='260' width='1200' height='560' filter='url(#leaf)'/>
<rect x='120' y='520' width='960' height='700' fill='url(#wall)'/>
<polygon points='80,540 600,380 1120,540' fill='#a8321e'/>
<rect x='190' y='590' width='820' height='120' fill='#c8141c'/>
<text x='600' y='640' font-family='DejaVu Sans, Arial' font-weight='700' font-size='40' fill='#ffe27a' text-anchor='middle'>CÔNG AN XÃ HỒ TRÀM</text>
<text x='600' y='690' font-family='DejaVu Sans, Arial' font-size='26' fill='#fff4c2' text-anchor='middle'>TỈNH BÀ RỊA – VŨNG TÀU (NAY LÀ TP. HỒ CHÍ MINH)</text>
<circle cx='600' cy='470' r='52' fill='#c8141c' stroke='#ffd23f' stroke-width='8'/><polygon points='600,436 610,463 638,463 615,480 624,507 600,490 576,507 585,480 562,463 590,463' fill='#ffd23f'/>
<g fill='#8fb3cc' stroke='#f7f2dc' stroke-width='10'><rect x='200' y='770' width='200' height='250'/><rect x='800' y='770' width='200' height='250'/></g>
<rect x='480' y='760' width='240' height='460' fill='#5a3a22'/><rect x='492' y='772' width='104' height='436' fill='#6e4a2c'/><rect x='604' y='772' width='104' height='436' fill='#6e4a2c'/>
<rect x='0' y='1220' width='1200' height='380' fill='url(#road)'/>
<rect x='0' y='1210' width='1200' height='24' fill='#c9c2b0'/>
<rect x='60' y='1040' width='22' height='330' fill='#555'/><rect x='30' y='1020' width='82' height='40' fill='#e2e2e2'/>
<rect x='900' y='1300' width='250' height='110' rx='30' fill='#2c5aa0'/><circle cx='950' cy='1410' r='34' fill='#222'/><circle cx='1100' cy='1410' r='34' fill='#222'/><rect x='930' y='1270' width='150' height='60' rx='16' fill='#3c6ab0'/>
<rect width='1200' height='1600' filter='url(#grain)'/>
</svg>"""

ROAD = """<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 1600 1200' preserveAspectRatio='none'>
<defs>
 <linearGradient id='sky' x1='0' y1='0' x2='0' y2='1'><stop offset='0' stop-color='#2a2f55'/><stop offset='0.55' stop-color='#c96b4a'/><stop offset='1' stop-color='#f2b36b'/></linearGradient>
 <linearGradient id='road' x1='0' y1='0' x2='0' y2='1'><stop offset='0' stop-color='#5c5550'/><stop offset='1' stop-color='#2b2826'/></linearGradient>
 <radialGradient id='glow' cx='0.5' cy='0.5' r='0.5'><stop offset='0' stop-color='#fff3c4'/><stop offset='0.3' stop-color='#ffd27a' stop-opacity='0.7'/><stop offset='1' stop-color='#ffb347' stop-opacity='0'/></radialGradient>
 <radialGradient id='red' cx='0.5' cy='0.5' r='0.5'><stop offset='0' stop-color='#ffb0a0'/><stop offset='0.35' stop-color='#ff3020' stop-opacity='0.8'/><stop offset='1' stop-color='#ff2010' stop-opacity='0'/></radialGradient>
 <filter id='trees'><feTurbulence type='fractalNoise' baseFrequency='0.012 0.05' numOctaves='5' seed='7'/><feColorMatrix values='0 0 0 0 0.04  0 0 0 0 0.07  0 0 0 0 0.05  0 0 0 6 -2.6'/></filter>
 <linearGradient id='fade' x1='0' y1='0' x2='0' y2='1'><stop offset='0' stop-color='#fff' stop-opacity='0'/><stop offset='0.45' stop-color='#fff' stop-opacity='1'/></linearGradient>
 <mask id='treeline'><rect y='380' width='1600' height='300' fill='url(#fade)'/></mask>
 <filter id='grain'><feTurbulence type='fractalNoise' baseFrequency='0.85' numOctaves='2' seed='11'/><feColorMatrix type='saturate' values='0'/><feComponentTransfer><feFuncA type='table' tableValues='0 0.14'/></feComponentTransfer><feComposite in2='SourceGraphic' operator='in'/></filter>
</defs>
<rect width='1600' height='1200' fill='url(#sky)'/>
<rect y='380' width='1600' height='300' filter='url(#trees)' mask='url(#treeline)'/><rect y='560' width='1600' height='60' fill='#141c14'/>
<rect y='600' width='1600' height='600' fill='#1f2a1c'/>
<polygon points='740,600 860,600 1600,1200 0,1200' fill='url(#road)'/>
<polygon points='796,600 804,600 840,1200 760,1200' fill='#e8e2c8' opacity='0.55'/>
<polygon points='745,600 752,600 120,1200 60,1200' fill='#f0e8c8' opacity='0.7'/><polygon points='848,600 855,600 1540,1200 1480,1200' fill='#f0e8c8' opacity='0.7'/>
<g><rect x='640' y='640' width='150' height='70' rx='12' fill='#30343c'/><circle cx='655' cy='700' r='26' fill='url(#red)'/><circle cx='775' cy='700' r='26' fill='url(#red)'/></g>
<g><rect x='880' y='700' width='260' height='120' rx='18' fill='#d9dde2'/><rect x='900' y='712' width='220' height='42' rx='8' fill='#8aa0b8'/><circle cx='900' cy='800' r='50' fill='url(#glow)'/><circle cx='1120' cy='800' r='50' fill='url(#glow)'/></g>
<g><rect x='300' y='820' width='90' height='140' rx='20' fill='#2b2b2b'/><circle cx='345' cy='820' r='38' fill='#f2f2f2'/><rect x='322' y='860' width='46' height='60' fill='#e9c75a'/></g>
<g fill='#888'><rect x='1250' y='380' width='14' height='330'/><rect x='1180' y='380' width='100' height='12'/></g><circle cx='1190' cy='392' r='60' fill='url(#glow)'/>
<g fill='#777'><rect x='420' y='430' width='10' height='220'/><rect x='420' y='430' width='70' height='9'/></g><circle cx='488' cy='440' r='40' fill='url(#glow)'/>
<rect x='1320' y='640' width='180' height='110' fill='#1b5e20'/><text x='1410' y='690' font-family='DejaVu Sans, Arial' font-weight='700' font-size='30' fill='#fff' text-anchor='middle'>QL55</text><text x='1410' y='730' font-family='DejaVu Sans, Arial' font-size='22' fill='#fff' text-anchor='middle'>Xuyên Mộc 12 km</text><rect x='1400' y='750' width='12' height='120' fill='#666'/>
<rect width='1600' height='1200' filter='url(#grain)'/>
</svg>"""

PHONE = """<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 1600 1200' preserveAspectRatio='none'>
<defs>
 <linearGradient id='desk' x1='0' y1='0' x2='1' y2='1'><stop offset='0' stop-color='#9a6b45'/><stop offset='1' stop-color='#5e3d24'/></linearGradient>
 <filter id='wood'><feTurbulence type='fractalNoise' baseFrequency='0.004 0.08' numOctaves='3' seed='5'/><feColorMatrix values='0 0 0 0 0.35  0 0 0 0 0.2  0 0 0 0 0.1  0 0 0 0.6 0'/></filter>
 <filter id='shadow'><feGaussianBlur stdDeviation='22'/></filter>
 <filter id='grain'><feTurbulence type='fractalNoise' baseFrequency='0.9' numOctaves='2' seed='2'/><feColorMatrix type='saturate' values='0'/><feComponentTransfer><feFuncA type='table' tableValues='0 0.08'/></feComponentTransfer><feComposite in2='SourceGraphic' operator='in'/></filter>
</defs>
<rect width='1600' height='1200' fill='url(#desk)'/><rect width='1600' height='1200' filter='url(#wood)'/>
<g transform='rotate(-8 800 600)'>
<rect x='555' y='120' width='520' height='1000' rx='60' fill='#000' opacity='0.45' filter='url(#shadow)'/>
<rect x='530' y='90' width='520' height='1000' rx='60' fill='#15171b'/>
<rect x='552' y='150' width='476' height='880' rx='14' fill='#f3f4f6'/>
<rect x='552' y='150' width='476' height='90' fill='#e2e5ea'/>
<circle cx='610' cy='195' r='26' fill='#9aa3ad'/><text x='650' y='203' font-family='DejaVu Sans, Arial' font-size='24' fill='#222'>+84 8x xxx xxx</text>
<rect x='572' y='270' width='400' height='330' rx='22' fill='#e4e6ea'/>
<text font-family='DejaVu Sans, Arial' font-size='21' fill='#1b1b1b'><tspan x='590' y='310'>[THONG BAO] Tai khoan dinh</tspan><tspan x='590' y='340'>danh cua ban se bi khoa do</tspan><tspan x='590' y='370'>chua cap nhat dia chi sau</tspan><tspan x='590' y='400'>sap nhap. Cap nhat ngay tai:</tspan><tspan x='590' y='440' fill='#1a56c4'>http://vneid-capnhat.xyz</tspan><tspan x='590' y='480'>Qua 24h tai khoan se bi</tspan><tspan x='590' y='510'>vo hieu hoa.</tspan></text>
<text x='590' y='580' font-family='DejaVu Sans, Arial' font-size='18' fill='#777'>09:41</text>
<rect x='700' y='640' width='300' height='120' rx='22' fill='#2f7cf6'/><text x='720' y='690' font-family='DejaVu Sans, Arial' font-size='21' fill='#fff'>Ai vậy? Tôi không</text><text x='720' y='720' font-family='DejaVu Sans, Arial' font-size='21' fill='#fff'>nhấn vào đâu.</text>
<rect x='572' y='960' width='436' height='50' rx='25' fill='#fff' stroke='#ccd' stroke-width='2'/>
</g>
<ellipse cx='250' cy='980' rx='160' ry='90' fill='#e8e2d4'/><ellipse cx='250' cy='960' rx='120' ry='60' fill='#6b3a1e'/>
<rect width='1600' height='1200' filter='url(#grain)'/>
</svg>"""

COUNTER = """<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 1600 1200' preserveAspectRatio='none'>
<defs>
 <linearGradient id='wall' x1='0' y1='0' x2='0' y2='1'><stop offset='0' stop-color='#eef1f3'/><stop offset='1' stop-color='#cfd6dc'/></linearGradient>
 <linearGradient id='desk' x1='0' y1='0' x2='0' y2='1'><stop offset='0' stop-color='#c99a62'/><stop offset='1' stop-color='#8a6038'/></linearGradient>
 <filter id='grain'><feTurbulence type='fractalNoise' baseFrequency='0.9' numOctaves='2' seed='6'/><feColorMatrix type='saturate' values='0'/><feComponentTransfer><feFuncA type='table' tableValues='0 0.08'/></feComponentTransfer><feComposite in2='SourceGraphic' operator='in'/></filter>
 <radialGradient id='light' cx='0.3' cy='0' r='0.9'><stop offset='0' stop-color='#fff' stop-opacity='0.5'/><stop offset='1' stop-color='#fff' stop-opacity='0'/></radialGradient>
</defs>
<rect width='1600' height='1200' fill='url(#wall)'/>
<rect x='120' y='90' width='1360' height='120' fill='#0b4f8a'/>
<text x='800' y='168' font-family='DejaVu Sans, Arial' font-weight='700' font-size='52' fill='#fff' text-anchor='middle'>BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ</text>
<g font-family='DejaVu Sans, Arial' font-weight='700' font-size='26' fill='#fff' text-anchor='middle'>
<rect x='170' y='270' width='360' height='80' fill='#c8141c'/><text x='350' y='322'>QUẦY 1 · CƯ TRÚ</text>
<rect x='620' y='270' width='360' height='80' fill='#c8141c'/><text x='800' y='322'>QUẦY 2 · CĂN CƯỚC</text>
<rect x='1070' y='270' width='360' height='80' fill='#c8141c'/><text x='1250' y='322'>QUẦY 3 · ĐĂNG KÝ XE</text></g>
<g fill='#b9c7d3' stroke='#8a99a6' stroke-width='6'><rect x='170' y='400' width='360' height='330'/><rect x='620' y='400' width='360' height='330'/><rect x='1070' y='400' width='360' height='330'/></g>
<g fill='#2d3e50'><rect x='250' y='560' width='200' height='170'/><rect x='700' y='560' width='200' height='170'/><rect x='1150' y='560' width='200' height='170'/></g>
<g fill='#222'><rect x='280' y='500' width='140' height='90' rx='6'/><rect x='730' y='500' width='140' height='90' rx='6'/><rect x='1180' y='500' width='140' height='90' rx='6'/></g>
<rect x='80' y='730' width='1440' height='90' fill='url(#desk)'/><rect x='80' y='820' width='1440' height='380' fill='#7a5432'/>
<g fill='#fafafa'><rect x='300' y='700' width='120' height='40' transform='rotate(-6 360 720)'/><rect x='760' y='705' width='110' height='36'/><rect x='1190' y='700' width='120' height='40' transform='rotate(5 1250 720)'/></g>
<rect x='1460' y='880' width='90' height='160' rx='10' fill='#e0e4e8'/><text x='1505' y='975' font-family='DejaVu Sans, Arial' font-weight='700' font-size='40' fill='#c8141c' text-anchor='middle'>015</text>
<rect width='1600' height='1200' fill='url(#light)'/>
<rect width='1600' height='1200' filter='url(#grain)'/>
</svg>"""

SCENES = {"HALL": HALL, "POST": POST, "ROAD": ROAD, "PHONE": PHONE, "COUNTER": COUNTER}
