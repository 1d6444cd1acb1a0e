import sys, pathlib; HERE = pathlib.Path(__file__).resolve().parent; sys.path.insert(0, str(HERE)); from spec_helper import build
D=str(HERE.parent)+'/'
n='02-burundi-gatumba-attack'
build(D+n+'.txt',
 quotes=[('red-tabara','an army position, not civilians'),('burundi-government-spokesman','Rwanda trains, arms and shelters these terrorists'),('burundi-government-spokesman','We will hold Kigali responsible for every drop of Burundian blood.'),('rwanda-foreign-ministry','Rwanda has no hand in Burundi’s internal troubles and supports no armed group against its neighbours'),('east-african-community','frank and constructive'),('un-secretary-general-spokesperson','maximum restraint')],
 dates=[('overnight','2026-06-08 night'),('Tuesday','2026-06-09'),('late on Tuesday','2026-06-09 late'),('January 2024','2024-01'),('December 2023','2023-12'),('last week','2026-06-01/07'),('July','2026-07'),('January last year','2025-01'),('February last year','2025-02')],
 mentions=[('Burundi','burundi'),('Rwanda','rwanda'),('Bujumbura','bujumbura'),
  ('RED-Tabara','red-tabara'),('Gatumba','gatumba'),('Bujumbura','bujumbura'),('Burundi','burundi'),('interior ministry','burundi-interior-ministry'),('government','burundi-government'),('Gitega','gitega'),('Rwanda','rwanda'),
  ('ministry','burundi-interior-ministry'),('Gatumba','gatumba'),('Democratic Republic of Congo','drc'),
  ('RED-Tabara','red-tabara'),
  ('Rwanda','rwanda'),('Burundian','burundi'),('government spokesman','burundi-government-spokesman'),('Bujumbura','bujumbura'),('Kigali','rwanda-government'),('Burundian','burundi'),
  ('Rwanda','rwanda'),('foreign ministry','rwanda-foreign-ministry'),('Rwanda','rwanda'),('Burundi','burundi'),
  ('Burundi','burundi'),('Rwanda','rwanda'),('RED-Tabara','red-tabara'),('Gatumba','gatumba'),
  ('Tanzania','tanzania'),('foreign minister','tanzania-foreign-minister'),('Burundi','burundi'),('Rwanda','rwanda'),('Dar es Salaam','dar-es-salaam'),('East African Community','east-african-community'),
  ('Congo','drc'),('Burundian','burundi'),('Congolese','drc'),('army','drc-army'),('AFC/M23','afc-m23'),('Congo','drc'),('United Nations','united-nations'),('M23','afc-m23'),('Rwanda','rwanda'),('Goma','goma'),('Bukavu','bukavu'),
  ('United Nations','united-nations'),('spokesperson','un-secretary-general-spokesperson')],
 events=[('gatumba-attack','attacked'),('gatumba-attack-2023','attack','RED-Tabara attack at'),('burundi-rwanda-border-closure','closed'),('dar-es-salaam-talks','talks'),('goma-capture','seized'),('bukavu-capture','seized')],
 out=D+'tools/spec/'+n+'.spec.yaml')
