import sys, pathlib; HERE = pathlib.Path(__file__).resolve().parent; sys.path.insert(0, str(HERE)); from spec_helper import build
D=str(HERE.parent)+'/'
n='04-scs-scarborough-water-cannon'
C='china-coast-guard'; P='philippine-coast-guard'
build(D+n+'.txt',
 quotes=[('philippine-coast-guard-spokesman','This was a deliberate and dangerous attack on civilians doing their job'),(C,'expelled'),(C,'illegally intruded'),(C,'professional and restrained'),('china-foreign-ministry','provocations backed by outside forces'),('united-states','dangerous and destabilising')],
 dates=[('Saturday morning','2026-09-12 morning'),('Sunday','2026-09-13'),('Sunday','2026-09-13'),('this year','2026'),('Sunday','2026-09-13'),('2012','2012'),('2016','2016'),('June 2024','2024-06'),('July that year','2024-07'),('Sunday','2026-09-13')],
 mentions=[('Philippines','philippines'),('Chinese','china'),('Scarborough Shoal','scarborough-shoal'),
  ('Chinese','china'),('coast guard',C),('Philippine','philippines'),('Scarborough Shoal','scarborough-shoal'),('Philippine Coast Guard',P),
  ('Zambales','zambales'),('coast guard',P),('spokesman','philippine-coast-guard-spokesman'),('Manila','manila'),
  ('China','china'),('coast guard',C),('Beijing','china-government'),('Huangyan Island','scarborough-shoal'),
  ('Philippine','philippines'),('foreign ministry','philippines-foreign-ministry'),('Chinese','china'),('ambassador','china-ambassador-to-philippines'),('China','china'),('foreign ministry','china-foreign-ministry'),('Manila','philippines-government'),('United States','united-states'),('Manila','philippines-government'),
  ('Xiamen','xiamen'),('South China Sea','south-china-sea'),('Indonesia','indonesia'),
  ('China','china'),('Scarborough Shoal','scarborough-shoal'),('Philippine','philippines'),('The Hague','the-hague'),('China','china'),('South China Sea','south-china-sea'),('Beijing','china-government'),
  ('Chinese','china'),('coast guard',C),('Philippine','philippines'),('Second Thomas Shoal','second-thomas-shoal'),
  ('Washington','united-states'),('Philippines','philippines'),('China','china')],
 events=[('scarborough-water-cannon','water cannon'),('ambassador-summoned','summoned'),('xiamen-talks','talks'),('scarborough-standoff-2012','standoff'),('scarborough-seizure-2012','seized'),('arbitral-ruling-2016','ruled'),('second-thomas-boarding-2024','boarded'),('provisional-arrangement-2024','agreed')],
 out=D+'tools/spec/'+n+'.spec.yaml')
